import { inject } from 'vitest';
import { passwordLogin, serviceAccountUserDocument, serviceClientDocument, type TokenSet } from '@session-desk/keycloak-local';
import { adminSend, findUserId } from './keycloak-admin.js';
import { clientUuid } from './throwaway-users.js';

/** The password of every user of a throwaway realm. */
export const THROWAWAY_PASSWORD = 'throwaway-user-password';

export interface ThrowawayUser {
  username: string;
  firstName?: string;
  lastName?: string;
  email?: string;
}

export interface ThrowawayRealmSpec {
  /** Any name Keycloak accepts (dots included). */
  name: string;
  /** Public app clients with direct access grants (so tests can create sessions); any client id, URLs included. */
  clients: string[];
  users: ThrowawayUser[];
  /**
   * `none` for sessions signed in "from" public addresses (X-Forwarded-For): Keycloak's default
   * `external` would ask such plain-HTTP requests for HTTPS.
   */
  sslRequired?: 'none' | 'external';
}

const encode = encodeURIComponent;

/**
 * A realm created by a test through the Admin API and deleted afterwards: the demo realm's service
 * client (same id, secret and realm-management roles, so the BFF manages it with its usual
 * credentials), public app clients with direct grants and users with a cheap password hash.
 */
export class ThrowawayRealm {
  readonly name: string;
  readonly url = inject('keycloakUrl');
  readonly #userIds = new Map<string, string>();
  readonly #clientUuids = new Map<string, string>();

  private constructor(name: string) {
    this.name = name;
  }

  static async create(spec: ThrowawayRealmSpec): Promise<ThrowawayRealm> {
    const realm = new ThrowawayRealm(spec.name);
    await realm.#call('DELETE', `/${encode(spec.name)}`).catch(() => undefined);
    await realm.#call('POST', '', {
      realm: spec.name,
      enabled: true,
      sslRequired: spec.sslRequired ?? 'external',
      // Test realm only: one PBKDF2 round makes many logins cheap. Never in production.
      passwordPolicy: 'hashAlgorithm(pbkdf2-sha256) and hashIterations(1)',
      ssoSessionIdleTimeout: 36_000,
      ssoSessionMaxLifespan: 86_400,
      eventsEnabled: true,
      eventsListeners: ['jboss-logging'],
      clients: [
        ...spec.clients.map((clientId) => ({
          clientId,
          enabled: true,
          protocol: 'openid-connect',
          publicClient: true,
          standardFlowEnabled: false,
          directAccessGrantsEnabled: true,
          fullScopeAllowed: true,
          optionalClientScopes: ['offline_access'],
        })),
        serviceClientDocument('The BFF calls the Admin API of this realm with this client (client credentials).'),
      ],
      users: [
        // Keycloak 26's user profile wants an email and names, or a login answers "Account is not fully set up".
        ...spec.users.map((user) => ({
          firstName: 'Test',
          lastName: 'User',
          email: `${user.username}@throwaway.example`,
          ...user,
          enabled: true,
          emailVerified: true,
          credentials: [{ type: 'password', value: THROWAWAY_PASSWORD, temporary: false }],
          requiredActions: [],
          realmRoles: [`default-roles-${spec.name.toLowerCase()}`],
        })),
        serviceAccountUserDocument(),
      ],
    });
    return realm;
  }

  /**
   * A new session of `username` in `clientId`, made the way an app would (password grant);
   * `forwardedFor`: the client address Keycloak records, sent as X-Forwarded-For.
   */
  login(username: string, clientId: string, offline = false, forwardedFor?: string): Promise<TokenSet> {
    return passwordLogin({ url: this.url, realm: this.name, clientId, username, password: THROWAWAY_PASSWORD, offline, ...(forwardedFor ? { forwardedFor } : {}) });
  }

  /** Refreshes a token at the realm's token endpoint: Keycloak's verdict on whether the session still works. */
  async refresh(clientId: string, refreshToken: string): Promise<{ ok: boolean; status: number; error: string | null }> {
    const response = await fetch(`${this.url}/realms/${encode(this.name)}/protocol/openid-connect/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'refresh_token', client_id: clientId, refresh_token: refreshToken }),
    });
    const body = (await response.json().catch(() => ({}))) as { error?: string };
    return { ok: response.ok, status: response.status, error: body.error ?? null };
  }

  async userId(username: string): Promise<string> {
    const id = this.#userIds.get(username) ?? (await findUserId(encode(this.name), username));
    this.#userIds.set(username, id);
    return id;
  }

  async clientUuid(clientId: string): Promise<string> {
    const uuid = this.#clientUuids.get(clientId) ?? (await clientUuid(clientId, encode(this.name)));
    this.#clientUuids.set(clientId, uuid);
    return uuid;
  }

  /** GET /admin/realms/{name}/{path} as the master admin. */
  get(path: string): Promise<unknown> {
    return this.#call('GET', `/${encode(this.name)}/${path}`);
  }

  /** Any Admin API call below the realm as the master admin. */
  send(method: string, path: string, body?: unknown): Promise<unknown> {
    return this.#call(method, `/${encode(this.name)}${path ? `/${path}` : ''}`, body);
  }

  async delete(): Promise<void> {
    await this.#call('DELETE', `/${encode(this.name)}`);
  }

  async #call(method: string, path: string, body?: unknown): Promise<unknown> {
    const text = await (await adminSend(method, path.replace(/^\//, ''), body)).text();
    return text ? (JSON.parse(text) as unknown) : undefined;
  }
}
