import { SERVICE_ACCOUNT_ROLES, demoRealm } from './demo-realm.ts';
import type { ClientDocument, UserDocument } from './realm-document.ts';

/** Token claims the desk relies on: resource_access roles ("roles"), sid ("basic"), email and names in the id token. */
export const DEFAULT_SCOPES: string[] = ['basic', 'profile', 'email', 'roles', 'web-origins', 'acr'];

/** What every OpenID Connect client of these realms has in common. */
export const OIDC_CLIENT = { enabled: true, protocol: 'openid-connect', implicitFlowEnabled: false, frontchannelLogout: false, fullScopeAllowed: true } as const;

/**
 * The client the BFF calls the Admin API with (client credentials). It has the demo realm's client
 * id and secret in every realm, so one BFF credential pair works in all of them.
 */
export function serviceClientDocument(description: string): Omit<ClientDocument, 'attributes' | 'optionalClientScopes'> {
  return {
    clientId: demoRealm.service.clientId,
    name: 'Session Desk service',
    description,
    ...OIDC_CLIENT,
    publicClient: false,
    clientAuthenticatorType: 'client-secret',
    secret: demoRealm.service.clientSecret,
    standardFlowEnabled: false,
    directAccessGrantsEnabled: false,
    serviceAccountsEnabled: true,
    redirectUris: [],
    webOrigins: [],
    defaultClientScopes: DEFAULT_SCOPES,
  };
}

/** A public application end users sign in to; direct access grants exist only so seeding (and tests) can create sessions. */
export function seedAppClientDocument(clientId: string, name: string, description: string): Omit<ClientDocument, 'attributes'> {
  return {
    clientId,
    name,
    description,
    ...OIDC_CLIENT,
    publicClient: true,
    standardFlowEnabled: true,
    directAccessGrantsEnabled: true,
    serviceAccountsEnabled: false,
    redirectUris: ['http://localhost:9999/*'],
    webOrigins: ['+'],
    defaultClientScopes: DEFAULT_SCOPES,
    optionalClientScopes: ['offline_access'],
  };
}

/** The service client's own user, holding exactly SERVICE_ACCOUNT_ROLES of realm-management. */
export function serviceAccountUserDocument(): UserDocument {
  return {
    username: `service-account-${demoRealm.service.clientId}`,
    enabled: true,
    serviceAccountClientId: demoRealm.service.clientId,
    requiredActions: [],
    clientRoles: { 'realm-management': [...SERVICE_ACCOUNT_ROLES] },
  };
}
