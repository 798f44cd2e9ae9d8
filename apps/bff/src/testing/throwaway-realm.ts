import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { demoRealm, passwordLogin, serviceAccountUserDocument, serviceClientDocument, type TokenSet } from '@session-desk/keycloak-local';
import { adminFetch } from './keycloak-admin.js';

/** The public application end users sign in to in a throwaway realm (direct access grants, offline access). */
export const THROWAWAY_APP = 'throwaway-app';
const END_USER_PASSWORD = 'throwaway-user-password';

/** A realm a test creates for itself in the test Keycloak, with the BFF's service account, and deletes afterwards. */
export interface ThrowawayRealm {
  /** The realm's name, `sd-throwaway-<hex>`. */
  realm: string;
  /** Usernames of its end users (password known to `login`). */
  users: string[];
  /** With `operatorRedirectUris`: an operator holding the console's `admin` role (password = username). */
  operator: { username: string; password: string } | undefined;
  /** A real end-user session in this realm (`offline` for an offline session). */
  login(username: string, offline?: boolean): Promise<TokenSet>;
  /** Direct Admin API call on this realm as the master admin; `path` is relative to `/admin/realms/<realm>` ('' for the realm itself). */
  admin(method: string, path: string, body?: unknown): Promise<Response>;
  /** Deletes the realm (idempotent). */
  remove(): Promise<void>;
}

/**
 * Creates a realm with the BFF's service-account client (same client id and secret as in the demo
 * realm, with the realm-management roles the desk needs), `userCount` end users, the application
 * `THROWAWAY_APP`, and one confidential client per entry of `adminUrls` whose admin URL (where
 * Keycloak pushes revocations) is that entry. With `operatorRedirectUris`, also the console's own
 * sign-in client (the demo realm's client id and secret, these redirect URIs, PKCE) and an operator
 * holding its `admin` role, so a BFF can use this realm as KEYCLOAK_REALM. Throws if Keycloak refuses.
 */
export async function createThrowawayRealm(
  options: { userCount?: number; adminUrls?: string[]; operatorRedirectUris?: string[] } = {},
): Promise<ThrowawayRealm> {
  const url = inject('keycloakUrl');
  const realm = `sd-throwaway-${randomBytes(5).toString('hex')}`;
  const users = Array.from({ length: options.userCount ?? 2 }, (_, i) => `throwaway.user${i + 1}`);
  const operator = options.operatorRedirectUris ? { username: 'throwaway.operator', password: 'throwaway.operator' } : undefined;
  const operatorClient = options.operatorRedirectUris
    ? [
        {
          clientId: demoRealm.bff.clientId,
          enabled: true,
          publicClient: false,
          secret: demoRealm.bff.clientSecret,
          standardFlowEnabled: true,
          directAccessGrantsEnabled: false,
          redirectUris: options.operatorRedirectUris,
          attributes: {
            'pkce.code.challenge.method': 'S256',
            'post.logout.redirect.uris': options.operatorRedirectUris.map((uri) => `${new URL(uri).origin}/*`).join('##'),
          },
        },
      ]
    : [];
  const operatorUser = operator
    ? [
        {
          username: operator.username,
          enabled: true,
          email: `${operator.username}@example.org`,
          emailVerified: true,
          firstName: 'Throwaway',
          lastName: 'Operator',
          credentials: [{ type: 'password', value: operator.password, temporary: false }],
          realmRoles: [`default-roles-${realm}`],
          clientRoles: { [demoRealm.bff.clientId]: ['admin'] },
        },
      ]
    : [];
  const document = {
    realm,
    enabled: true,
    sslRequired: 'none',
    adminEventsEnabled: true,
    ...(operator ? { roles: { client: { [demoRealm.bff.clientId]: ['admin', 'helpdesk', 'auditor'].map((name) => ({ name, clientRole: true })) } } } : {}),
    clients: [
      ...operatorClient,
      serviceClientDocument('The BFF calls the Admin API of this realm with this client (client credentials).'),
      {
        clientId: THROWAWAY_APP,
        enabled: true,
        publicClient: true,
        standardFlowEnabled: false,
        directAccessGrantsEnabled: true,
        optionalClientScopes: ['offline_access'],
      },
      ...(options.adminUrls ?? []).map((adminUrl, i) => ({
        clientId: `throwaway-backend-${i + 1}`,
        enabled: true,
        publicClient: false,
        secret: `throwaway-backend-secret-${i + 1}`,
        standardFlowEnabled: false,
        directAccessGrantsEnabled: false,
        adminUrl,
      })),
    ],
    users: [
      ...operatorUser,
      ...users.map((username) => ({
        username,
        enabled: true,
        email: `${username}@example.org`,
        emailVerified: true,
        firstName: 'Throwaway',
        lastName: username,
        credentials: [{ type: 'password', value: END_USER_PASSWORD, temporary: false }],
        // Users imported with a realm get no default roles of their own: offline_access comes with these.
        realmRoles: [`default-roles-${realm}`],
      })),
      serviceAccountUserDocument(),
    ],
  };

  const created = await adminFetch('POST', '', document);
  if (created.status !== 201) throw new Error(`creating realm ${realm} answered ${created.status}: ${await created.text()}`);
  let removed = false;
  return {
    realm,
    users,
    operator,
    login: (username, offline = false) => passwordLogin({ url, realm, clientId: THROWAWAY_APP, username, password: END_USER_PASSWORD, offline }),
    admin: (method, path, body) => adminFetch(method, `${realm}${path ? `/${path}` : ''}`, body),
    async remove() {
      if (removed) return;
      const response = await adminFetch('DELETE', realm);
      await response.body?.cancel();
      if (response.status !== 204 && response.status !== 404) throw new Error(`deleting realm ${realm} answered ${response.status}`);
      removed = true;
    },
  };
}
