import type UserSessionRepresentation from '@keycloak/keycloak-admin-client/lib/defs/userSessionRepresentation.js';
import type UserRepresentation from '@keycloak/keycloak-admin-client/lib/defs/userRepresentation.js';
import type { ClientStats, SessionLocation, SessionRow, SessionType, UserSummary } from '@session-desk/contracts';
import type { KeycloakGateway } from './admin-gateway.js';
import { HttpError } from '../http/errors.js';

/** Page size for Keycloak's paged per-client session listings (fewer round trips, bounded memory per page). */
const SESSION_PAGE = 1_000;
/**
 * A snapshot build's page of a client's sessions may take longer than an operator's call: Keycloak 26
 * reads it from its database, and one page took 1.5–6 s at 100,000 sessions on a 2-core machine
 * (bench/README.md). The build runs in the background; only a realm's very first list waits for it.
 */
const LISTING_TIMEOUT_MS = 60_000;
const USER_PAGE = 1_000;
const CLIENT_UUID_TTL_MS = 5 * 60_000;

export interface UserContact {
  username: string;
  email: string | null;
  /** "First Last" as Keycloak has them (either may be missing); '' when neither is set. */
  fullName: string;
}

/**
 * One path segment toward the Admin API. `.` and `..` (Keycloak lets a client id be `..`) cannot be
 * sent at all: URL parsing removes them, encoded or not, and the call would hit another resource.
 */
function segment(value: string): string {
  if (value === '.' || value === '..') throw new HttpError(502, 'keycloak_error', `"${value}" cannot be addressed through Keycloak's Admin API. Nothing was changed.`);
  return encodeURIComponent(value);
}

/** The gateway has already mapped Keycloak's 404 to an HttpError 404. */
const isNotFound = (err: unknown) => err instanceof HttpError && err.status === 404;

const byLastAccessDesc = (a: SessionRow, b: SessionRow) => b.lastAccess.localeCompare(a.lastAccess) || a.id.localeCompare(b.id);

const iso = (epochMs: number | undefined) => new Date(epochMs ?? 0).toISOString();

/** `locate`: adds the country and network of the session's address (see geo/); without it rows carry no location. */
export function toSessionRow(
  session: UserSessionRepresentation,
  type: SessionType,
  email: string | null,
  locate?: (ipAddress: string) => SessionLocation,
): SessionRow {
  return {
    id: session.id ?? '',
    type,
    userId: session.userId ?? '',
    username: session.username ?? '',
    email,
    ipAddress: session.ipAddress ?? '',
    started: iso(session.start),
    lastAccess: iso(session.lastAccess),
    rememberMe: (session as { rememberMe?: boolean }).rememberMe ?? false,
    clients: Object.entries(session.clients ?? {}).map(([id, clientId]) => ({ id, clientId })),
    ...(locate ? { location: locate(session.ipAddress ?? '') } : {}),
  };
}

function toUserContact(user: UserRepresentation): UserContact {
  return { username: user.username ?? '', email: user.email ?? null, fullName: [user.firstName, user.lastName].filter(Boolean).join(' ') };
}

export function toUserSummary(user: UserRepresentation): UserSummary {
  return {
    id: user.id ?? '',
    username: user.username ?? '',
    email: user.email ?? null,
    firstName: user.firstName ?? null,
    lastName: user.lastName ?? null,
    enabled: user.enabled ?? false,
  };
}

/** Session and user reads and writes of the Admin API, in the shapes Session Desk uses. */
export class KeycloakSessions {
  readonly #gateway: KeycloakGateway;
  readonly #consoleClientId: string;
  readonly #operatorRealm: string;
  #consoleClientUuid: Promise<string | undefined> | undefined;
  readonly #clientUuids = new Map<string, { uuid: string; expiresAt: number }>();

  readonly #locate: ((ipAddress: string) => SessionLocation) | undefined;

  /** `locate`: gives every session row read live its country and network (absent: rows carry no location). */
  constructor(gateway: KeycloakGateway, options: { consoleClientId: string; operatorRealm: string; locate?: ((ipAddress: string) => SessionLocation) | undefined }) {
    this.#locate = options.locate;
    this.#gateway = gateway;
    this.#consoleClientId = options.consoleClientId;
    this.#operatorRealm = options.operatorRealm;
  }

  async clientStats(realm: string): Promise<ClientStats[]> {
    const stats = await this.#gateway.admin(realm, (kc) => kc.realms.getClientSessionStats({ realm }));
    return stats.map((stat) => {
      const raw = stat as unknown as Record<string, unknown>;
      return { id: String(raw.id), clientId: String(raw.clientId), active: Number(raw.active ?? 0), offline: Number(raw.offline ?? 0) };
    });
  }

  /** Every session of one client of one type, paged through Keycloak's public per-client endpoint. */
  async clientSessions(realm: string, clientUuid: string, type: SessionType): Promise<UserSessionRepresentation[]> {
    const all: UserSessionRepresentation[] = [];
    for (let first = 0; ; first += SESSION_PAGE) {
      const page = await this.#gateway.admin(realm, (kc) =>
        type === 'regular'
          ? kc.clients.listSessions({ id: clientUuid, first, max: SESSION_PAGE })
          : kc.clients.listOfflineSessions({ id: clientUuid, first, max: SESSION_PAGE }),
        { timeoutMs: LISTING_TIMEOUT_MS },
      );
      all.push(...page);
      if (page.length < SESSION_PAGE) return all;
    }
  }

  /**
   * Username, email and name of the users of the realm whose ids `wanted` holds, read by paging
   * every user (brief representations, USER_PAGE a call): worth it only when more users are wanted
   * than there are pages (see UserDirectory). Users not wanted are not kept.
   */
  async userContactsByPaging(realm: string, wanted: ReadonlySet<string>): Promise<Map<string, UserContact>> {
    const contacts = new Map<string, UserContact>();
    for (let first = 0; ; first += USER_PAGE) {
      const page = await this.#gateway.admin(realm, (kc) => kc.users.find({ first, max: USER_PAGE, briefRepresentation: true }));
      for (const user of page) if (user.id && wanted.has(user.id)) contacts.set(user.id, toUserContact(user));
      if (page.length < USER_PAGE) return contacts;
    }
  }

  /**
   * Keycloak's not-before (epoch seconds, 0: none) of the users of the realm whose ids `wanted`
   * holds, read by paging every user (full representations: the brief ones leave `notBefore` out),
   * USER_PAGE a call: worth it only when more users are wanted than there are pages (see
   * UserNotBefores). Users not wanted, and wanted ids Keycloak no longer has, are left out.
   */
  async userNotBeforesByPaging(realm: string, wanted: ReadonlySet<string>): Promise<Map<string, number>> {
    const notBefores = new Map<string, number>();
    for (let first = 0; ; first += USER_PAGE) {
      const page = await this.#gateway.admin(realm, (kc) => kc.users.find({ first, max: USER_PAGE, briefRepresentation: false }));
      for (const user of page) if (user.id && wanted.has(user.id)) notBefores.set(user.id, user.notBefore ?? 0);
      if (page.length < USER_PAGE) return notBefores;
    }
  }

  /** One user's username, email and name (one Admin API call), or undefined when Keycloak has no such user. */
  async userContact(realm: string, userId: string): Promise<UserContact | undefined> {
    const user = await this.findUser(realm, userId);
    return user ? toUserContact(user) : undefined;
  }

  /** How many users the realm holds (one call). */
  async userCount(realm: string): Promise<number> {
    return this.#gateway.admin(realm, (kc) => kc.users.count());
  }

  /** How many users one paged listing call returns (see userContactsByPaging). */
  get userPageSize(): number {
    return USER_PAGE;
  }

  async searchUsers(realm: string, query: string, max: number): Promise<{ items: UserSummary[]; more: boolean }> {
    const users = await this.#gateway.admin(realm, (kc) => kc.users.find({ search: query, first: 0, max: max + 1, briefRepresentation: true }));
    return { items: users.slice(0, max).map(toUserSummary), more: users.length > max };
  }

  /** The user, or undefined when Keycloak has no such user. */
  async findUser(realm: string, userId: string): Promise<UserRepresentation | undefined> {
    try {
      return (await this.#gateway.admin(realm, (kc) => kc.users.findOne({ id: userId }))) ?? undefined;
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  async userSessions(realm: string, userId: string, email: string | null): Promise<SessionRow[]> {
    const sessions = await this.#gateway.admin(realm, (kc) => kc.users.listSessions({ id: userId }));
    return sessions.map((session) => toSessionRow(session, 'regular', email, this.#locate)).sort(byLastAccessDesc);
  }

  /**
   * The user's offline sessions. Keycloak lists them per client, so the clients are found through
   * the user's consents (every client holding an offline token appears there).
   */
  async userOfflineSessions(realm: string, userId: string, email: string | null): Promise<SessionRow[]> {
    const clients = await this.offlineClients(realm, userId);
    const listings = await Promise.all(
      clients.map((client) => this.#gateway.admin(realm, (kc) => kc.users.listOfflineSessions({ id: userId, clientId: client.uuid }))),
    );
    const byId = new Map<string, SessionRow>();
    for (const sessions of listings) {
      for (const session of sessions) {
        const row = toSessionRow(session, 'offline', email, this.#locate);
        const known = byId.get(row.id);
        if (known) known.clients.push(...row.clients.filter((c) => !known.clients.some((k) => k.id === c.id)));
        else byId.set(row.id, row);
      }
    }
    return [...byId.values()].sort(byLastAccessDesc);
  }

  /** Clients in which the user holds offline tokens: `{ clientId, uuid }`. */
  async offlineClients(realm: string, userId: string): Promise<Array<{ clientId: string; uuid: string }>> {
    const consents = await this.#gateway.admin(realm, (kc) => kc.users.listConsents({ id: userId }));
    const withOffline = consents.filter((consent) =>
      (consent as { additionalGrants?: Array<{ key?: string }> }).additionalGrants?.some((grant) => grant.key === 'Offline Token'),
    );
    const resolved = await Promise.all(
      withOffline.map(async (consent) => {
        const uuid = consent.clientId ? await this.clientUuid(realm, consent.clientId) : undefined;
        return uuid && consent.clientId ? [{ clientId: consent.clientId, uuid }] : [];
      }),
    );
    return resolved.flat();
  }

  /** A client's internal id; cached, since a client id keeps its uuid for the client's whole life. */
  async clientUuid(realm: string, clientId: string): Promise<string | undefined> {
    const key = `${realm}\n${clientId}`;
    const cached = this.#clientUuids.get(key);
    if (cached && cached.expiresAt > Date.now()) return cached.uuid;
    const clients = await this.#gateway.admin(realm, (kc) => kc.clients.find({ clientId, first: 0, max: 1 }));
    const uuid = clients.find((client) => client.clientId === clientId)?.id;
    if (uuid) this.#clientUuids.set(key, { uuid, expiresAt: Date.now() + CLIENT_UUID_TTL_MS });
    return uuid;
  }

  /**
   * The client whose service account this user is, or null for a person. Keycloak 26 no longer puts
   * `serviceAccountClientId` in the user representation, so a username with Keycloak's
   * `service-account-` prefix is confirmed through that client's `service-account-user`. When
   * Keycloak will not confirm it, the user is taken to be the service account (the safer answer).
   */
  async serviceAccountClientOf(realm: string, user: UserRepresentation): Promise<string | null> {
    const declared = (user as { serviceAccountClientId?: string }).serviceAccountClientId;
    if (declared) return declared;
    const prefix = 'service-account-';
    if (!user.id || !user.username?.startsWith(prefix)) return null;
    const clientId = user.username.slice(prefix.length);
    try {
      const uuid = await this.clientUuid(realm, clientId);
      if (!uuid) return null;
      const account = await this.#gateway.admin(realm, (kc) => kc.clients.getServiceAccountUser({ id: uuid }));
      return account.id === user.id ? clientId : null;
    } catch (err) {
      if (isNotFound(err)) return null;
      return clientId;
    }
  }

  /** Ends one session. Returns false when Keycloak says it does not exist (already gone). */
  async deleteSession(realm: string, sessionId: string, offline: boolean): Promise<boolean> {
    try {
      await this.#gateway.adminDelete(realm, `/sessions/${segment(sessionId)}?isOffline=${String(offline)}`);
      return true;
    } catch (err) {
      if (isNotFound(err)) return false;
      throw err;
    }
  }

  /** The realm's not-before in epoch seconds (0: none). */
  async realmNotBefore(realm: string): Promise<number> {
    const representation = await this.#gateway.admin(realm, (kc) => kc.realms.findOne({ realm }));
    return representation?.notBefore ?? 0;
  }

  /**
   * One user's not-before in epoch seconds (0: none, or no such user any more), from the full user
   * representation (`GET /users/{id}`): Keycloak's brief listing leaves it out.
   */
  async userNotBefore(realm: string, userId: string): Promise<number> {
    return (await this.findUser(realm, userId))?.notBefore ?? 0;
  }

  /** The not-before (epoch seconds, 0: none) of each of these clients, by internal UUID, read live. */
  async clientNotBefores(realm: string, clientUuids: Iterable<string>): Promise<Map<string, number>> {
    const uuids = [...new Set(clientUuids)];
    const clients = await Promise.all(
      uuids.map((id) =>
        this.#gateway.admin(realm, (kc) => kc.clients.findOne({ id })).catch((err: unknown) => {
          if (isNotFound(err)) return undefined;
          throw err;
        }),
      ),
    );
    return new Map(uuids.map((id, i) => [id, clients[i]?.notBefore ?? 0]));
  }

  /** Every client's not-before (epoch seconds) by internal UUID, in one paged listing. */
  async allClientNotBefores(realm: string): Promise<Map<string, number>> {
    const notBefores = new Map<string, number>();
    for (let first = 0; ; first += USER_PAGE) {
      const page = await this.#gateway.admin(realm, (kc) => kc.clients.find({ first, max: USER_PAGE }));
      for (const client of page) if (client.id && client.notBefore) notBefores.set(client.id, client.notBefore);
      if (page.length < USER_PAGE) return notBefores;
    }
  }

  /**
   * Ends every regular session of the user (Keycloak also sets the user's not-before). Keycloak
   * ends them one by one (4,500 took about 15 s on 26.7.3 on a quiet 2-core machine, and 88 s on the
   * same machine at load average 16), so the call may take longer than KEYCLOAK_TIMEOUT_MS for
   * `sessionCount` in the thousands: allowed 100 ms per session, at most 10 min. (At 50 ms per
   * session, 4,500 on the same machine at load average 23 passed the 235 s limit and answered 504.)
   */
  async logoutUser(realm: string, userId: string, sessionCount = 0): Promise<void> {
    const timeoutMs = Math.min(600_000, 10_000 + 100 * sessionCount);
    await this.#gateway.admin(realm, (kc) => kc.users.logout({ id: userId }), { timeoutMs });
  }

  /** Revokes the user's consent and offline tokens for one client, which ends those offline sessions. */
  async revokeOfflineAccess(realm: string, userId: string, clientId: string): Promise<void> {
    await this.#gateway.adminDelete(realm, `/users/${segment(userId)}/consents/${segment(clientId)}`);
  }

  /**
   * Ends every session of the realm (Keycloak's "sign out all active sessions"). Resolves with
   * whether this Keycloak version ended the offline sessions too (26.2+; see server-version.ts).
   */
  async logoutAll(realm: string): Promise<{ offlineEnded: boolean }> {
    await this.#gateway.admin(realm, (kc) => kc.realms.logoutAll({ realm }));
    return { offlineEnded: (await this.#gateway.serverBehaviour()).logoutAllEndsOfflineSessions };
  }

  /**
   * Revokes every token issued before now: sets the realm's not-before and pushes it to the clients
   * that registered an admin URL. Returns the not-before and the push results.
   */
  async revokeTokensBefore(realm: string, notBeforeSeconds: number): Promise<{ pushedTo: string[]; pushFailedFor: string[] }> {
    await this.#gateway.admin(realm, (kc) => kc.realms.update({ realm }, { notBefore: notBeforeSeconds }));
    const pushed = await this.#gateway.admin(realm, (kc) => kc.realms.pushRevocation({ realm }));
    return { pushedTo: pushed.successRequests ?? [], pushFailedFor: pushed.failedRequests ?? [] };
  }

  /**
   * Whether the user holds the console's `admin` client role, directly, through a composite role or
   * through a group (Keycloak's effective "composite" client role mappings). Only users of the
   * operator realm can. Fails closed: when the service account cannot read the console client or
   * the user's role mappings, it throws HttpError 502 `escalation_guard_unavailable` naming the
   * realm-management roles it needs (Keycloak unreachable or slow keeps its 503/504).
   */
  async isConsoleAdmin(realm: string, userId: string): Promise<boolean> {
    if (realm !== this.#operatorRealm) return false;
    try {
      this.#consoleClientUuid ??= this.clientUuid(realm, this.#consoleClientId).catch((err: unknown) => {
        this.#consoleClientUuid = undefined;
        throw err;
      });
      const clientUuid = await this.#consoleClientUuid;
      if (!clientUuid) {
        this.#consoleClientUuid = undefined;
        throw this.#guardUnavailable(realm, `the console client "${this.#consoleClientId}" is not visible to it`);
      }
      const roles = await this.#gateway.admin(realm, (kc) => kc.users.listCompositeClientRoleMappings({ id: userId, clientUniqueId: clientUuid }));
      return roles.some((role) => role.name === 'admin');
    } catch (err) {
      if (err instanceof HttpError && (err.code === 'escalation_guard_unavailable' || err.status === 503 || err.status === 504 || err.status === 404)) throw err;
      throw this.#guardUnavailable(realm, 'Keycloak refused to show the console client or the user\'s role mappings', err);
    }
  }

  #guardUnavailable(realm: string, what: string, cause?: unknown): HttpError {
    return new HttpError(
      502,
      'escalation_guard_unavailable',
      `Session Desk cannot tell whether this user administers the console, so it refuses to act: ${what} for the service account of realm "${realm}". ` +
        'Give the service account the realm-management roles view-clients and view-users (query-clients, query-users). Nothing was changed.',
      cause === undefined ? undefined : { cause },
    );
  }
}
