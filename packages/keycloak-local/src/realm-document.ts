import { DEFAULT_SCOPES, OIDC_CLIENT, seedAppClientDocument, serviceAccountUserDocument, serviceClientDocument } from './client-document.ts';
import { DEMO_APPS, DESK_ORIGINS, OPERATOR_ROLES, demoRealm } from './demo-realm.ts';
import { listEndUsers } from './end-users.ts';

/** The subset of Keycloak's RealmRepresentation this project writes. */
export interface RealmDocument {
  realm: string;
  displayName: string;
  enabled: boolean;
  sslRequired: string;
  registrationAllowed: boolean;
  loginWithEmailAllowed: boolean;
  rememberMe: boolean;
  bruteForceProtected: boolean;
  passwordPolicy: string;
  ssoSessionIdleTimeout: number;
  ssoSessionMaxLifespan: number;
  eventsEnabled: boolean;
  eventsExpiration: number;
  eventsListeners: string[];
  enabledEventTypes: string[];
  adminEventsEnabled: boolean;
  adminEventsDetailsEnabled: boolean;
  attributes: Record<string, string>;
  roles: { client: Record<string, RoleDocument[]> };
  clients: ClientDocument[];
  users: UserDocument[];
}

export interface RoleDocument {
  name: string;
  description: string;
  clientRole: boolean;
}

export interface ClientDocument {
  clientId: string;
  name: string;
  description: string;
  enabled: boolean;
  protocol: 'openid-connect';
  publicClient: boolean;
  clientAuthenticatorType?: 'client-secret';
  secret?: string;
  standardFlowEnabled: boolean;
  implicitFlowEnabled: boolean;
  directAccessGrantsEnabled: boolean;
  serviceAccountsEnabled: boolean;
  frontchannelLogout: boolean;
  fullScopeAllowed: boolean;
  redirectUris: string[];
  webOrigins: string[];
  attributes: Record<string, string>;
  defaultClientScopes: string[];
  optionalClientScopes: string[];
}

export interface UserDocument {
  username: string;
  enabled: boolean;
  email?: string;
  emailVerified?: boolean;
  firstName?: string;
  lastName?: string;
  serviceAccountClientId?: string;
  credentials?: Array<{ type: 'password'; value: string; temporary: boolean }>;
  requiredActions: string[];
  realmRoles?: string[];
  clientRoles?: Record<string, string[]>;
}

const DAY_SECONDS = 24 * 60 * 60;
const HOUR_SECONDS = 60 * 60;
const DEFAULT_ROLES = `default-roles-${demoRealm.realm}`;

export const LOGIN_EVENT_TYPES: readonly string[] = [
  'LOGIN',
  'LOGIN_ERROR',
  'LOGOUT',
  'LOGOUT_ERROR',
  'CODE_TO_TOKEN',
  'CODE_TO_TOKEN_ERROR',
  'REFRESH_TOKEN',
  'REFRESH_TOKEN_ERROR',
  'CLIENT_LOGIN',
  'CLIENT_LOGIN_ERROR',
  'REVOKE_GRANT',
];

function bffClient(): ClientDocument {
  return {
    clientId: demoRealm.bff.clientId,
    name: 'Session Desk',
    description: 'Operator sign-in for the Session Desk console (BFF, authorization code + PKCE).',
    ...OIDC_CLIENT,
    publicClient: false,
    clientAuthenticatorType: 'client-secret',
    secret: demoRealm.bff.clientSecret,
    standardFlowEnabled: true,
    directAccessGrantsEnabled: false,
    serviceAccountsEnabled: false,
    redirectUris: DESK_ORIGINS.map((o) => `${o}/auth/callback`),
    webOrigins: ['+'],
    attributes: {
      'pkce.code.challenge.method': 'S256',
      'post.logout.redirect.uris': DESK_ORIGINS.map((o) => `${o}/*`).join('##'),
      // One URL per client: the demo console's. Tests point it at their own BFF while they need it.
      'backchannel.logout.url': `${DESK_ORIGINS[0]}/auth/backchannel-logout`,
      'backchannel.logout.session.required': 'true',
      'backchannel.logout.revoke.offline.tokens': 'false',
    },
    defaultClientScopes: DEFAULT_SCOPES,
    optionalClientScopes: [],
  };
}

function serviceClient(): ClientDocument {
  return { ...serviceClientDocument('The BFF calls the Admin API with this client (client credentials).'), attributes: {}, optionalClientScopes: [] };
}

function demoAppClient(clientId: string, name: string): ClientDocument {
  const app = seedAppClientDocument(clientId, name, `Demo application "${name}"; direct access grants exist only so seeding can create sessions.`);
  return { ...app, attributes: { 'pkce.code.challenge.method': 'S256' } };
}

function operatorUsers(): UserDocument[] {
  return demoRealm.operators.map((o) => ({
    username: o.username,
    enabled: true,
    email: o.email,
    emailVerified: true,
    firstName: o.firstName,
    lastName: o.lastName,
    credentials: [{ type: 'password', value: o.password, temporary: false }],
    requiredActions: [],
    realmRoles: [DEFAULT_ROLES],
    clientRoles: { [demoRealm.bff.clientId]: [o.role] },
  }));
}

function endUserDocuments(): UserDocument[] {
  return listEndUsers().map((u) => ({
    username: u.username,
    enabled: true,
    email: u.email,
    emailVerified: true,
    firstName: u.firstName,
    lastName: u.lastName,
    credentials: [{ type: 'password', value: demoRealm.endUserPassword, temporary: false }],
    requiredActions: [],
    realmRoles: [DEFAULT_ROLES],
  }));
}

export function buildRealmDocument(): RealmDocument {
  return {
    realm: demoRealm.realm,
    displayName: 'Session Desk demo',
    enabled: true,
    // Demo only: the seed signs users in "from" public addresses (X-Forwarded-For) over plain HTTP,
    // which `external` would refuse. Production realms keep `external` or `all`.
    sslRequired: 'none',
    registrationAllowed: false,
    loginWithEmailAllowed: true,
    rememberMe: true,
    bruteForceProtected: false,
    // Demo only: one PBKDF2 round makes importing and seeding hundreds of users take seconds.
    passwordPolicy: 'hashAlgorithm(pbkdf2-sha256) and hashIterations(1)',
    ssoSessionIdleTimeout: 10 * HOUR_SECONDS,
    ssoSessionMaxLifespan: 24 * HOUR_SECONDS,
    eventsEnabled: true,
    eventsExpiration: 3 * DAY_SECONDS,
    eventsListeners: ['jboss-logging'],
    enabledEventTypes: [...LOGIN_EVENT_TYPES],
    adminEventsEnabled: true,
    adminEventsDetailsEnabled: true,
    attributes: { adminEventsExpiration: String(3 * DAY_SECONDS) },
    roles: {
      client: {
        [demoRealm.bff.clientId]: OPERATOR_ROLES.map(({ role, description }) => ({
          name: role,
          description,
          clientRole: true,
        })),
      },
    },
    clients: [bffClient(), serviceClient(), ...DEMO_APPS.map((a) => demoAppClient(a.clientId, a.name))],
    users: [...operatorUsers(), serviceAccountUserDocument(), ...endUserDocuments()],
  };
}
