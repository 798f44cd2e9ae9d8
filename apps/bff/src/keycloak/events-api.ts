import type EventType from '@keycloak/keycloak-admin-client/lib/defs/eventTypes.js';
import type { AdminEvent, AdminEventsQuery, LoginEvent, LoginEventsQuery } from '@session-desk/contracts';
import type { KeycloakGateway } from './admin-gateway.js';
import { HttpError } from '../http/errors.js';

/** How long a resolved username is reused (a user keeps the id; a rename shows within this). */
const USERNAME_TTL_MS = 5 * 60_000;
/** Most usernames remembered (oldest dropped first). */
const USERNAME_CACHE_SIZE = 10_000;

/** The `users/{id}` part of an admin event's resource path (`users/{id}`, `users/{id}/logout`, …). */
function userIdInPath(resourcePath: string | null): string | null {
  const match = resourcePath ? /^users\/([^/]+)/.exec(resourcePath) : null;
  return match?.[1] ?? null;
}

const text = (value: unknown): string | null => (typeof value === 'string' && value.length > 0 ? value : null);

function stringDetails(details: Record<string, unknown> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(details ?? {}).map(([key, value]) => [key, typeof value === 'string' ? value : JSON.stringify(value)]));
}

/** Keycloak's own login and admin events, read through the Admin API. */
export class KeycloakEvents {
  readonly #gateway: KeycloakGateway;
  readonly #usernames = new Map<string, { username: string | null; expiresAt: number }>();

  constructor(gateway: KeycloakGateway) {
    this.#gateway = gateway;
  }

  /**
   * Usernames of user ids, read through the Admin API and cached per realm for USERNAME_TTL_MS;
   * null for a user Keycloak no longer has (deleted). A failed lookup leaves the id alone (null,
   * not cached): events stay readable when a lookup fails.
   */
  async usernames(realm: string, userIds: ReadonlyArray<string | null>): Promise<Map<string, string | null>> {
    const now = Date.now();
    const wanted = [...new Set(userIds.filter((id): id is string => id !== null))];
    const resolved = new Map<string, string | null>();
    await Promise.all(
      wanted.map(async (id) => {
        const key = `${realm}\n${id}`;
        const cached = this.#usernames.get(key);
        if (cached && cached.expiresAt > now) {
          resolved.set(id, cached.username);
          return;
        }
        try {
          const user = await this.#gateway.admin(realm, (kc) => kc.users.findOne({ id }));
          const username = user?.username ?? null;
          resolved.set(id, username);
          this.#usernames.delete(key);
          this.#usernames.set(key, { username, expiresAt: now + USERNAME_TTL_MS });
          if (this.#usernames.size > USERNAME_CACHE_SIZE) this.#usernames.delete(this.#usernames.keys().next().value ?? '');
        } catch (err) {
          if (err instanceof HttpError && err.status === 404) {
            resolved.set(id, null);
            this.#usernames.set(key, { username: null, expiresAt: now + USERNAME_TTL_MS });
          } else resolved.set(id, null);
        }
      }),
    );
    return resolved;
  }

  async config(realm: string): Promise<{ eventsEnabled: boolean; adminEventsEnabled: boolean }> {
    const config = await this.#gateway.admin(realm, (kc) => kc.realms.getConfigEvents({ realm }));
    return { eventsEnabled: config.eventsEnabled ?? false, adminEventsEnabled: config.adminEventsEnabled ?? false };
  }

  /** One page of login events, asking for one more than the page to know whether there are more. */
  /**
   * The user id Keycloak's `user` event filter takes, for what an operator typed: the text itself when
   * a user has that id (Admin API `users/{id}`), else the id of the user whose username it is exactly
   * (`users?username=&exact=true`), else the text (no such user: no events). Ids first: a username
   * may be written to look like another user's id, and must not hide that user's events.
   */
  async #userIdOf(realm: string, typed: string): Promise<string> {
    const byId = await this.#gateway.admin(realm, (kc) => kc.users.findOne({ id: typed }));
    if (byId?.id) return byId.id;
    const [byName] = await this.#gateway.admin(realm, (kc) => kc.users.find({ username: typed, exact: true, max: 1, briefRepresentation: true }));
    return byName?.id ?? typed;
  }

  async loginEvents(realm: string, query: LoginEventsQuery): Promise<{ items: LoginEvent[]; more: boolean }> {
    const user = query.user === undefined ? undefined : await this.#userIdOf(realm, query.user);
    const events = await this.#gateway.admin(realm, (kc) =>
      kc.realms.findEvents({
        realm,
        type: query.type as EventType | undefined,
        user,
        client: query.client,
        ipAddress: query.ip,
        // Keycloak (26.x) reads a number as epoch milliseconds, an instant; a yyyy-MM-dd as a UTC day.
        dateFrom: query.from === undefined ? undefined : String(query.from),
        dateTo: query.to === undefined ? undefined : String(query.to),
        first: query.first,
        max: query.max + 1,
      }),
    );
    const page = events.slice(0, query.max);
    // Keycloak names the user only in some events (details.username of LOGIN); resolve the rest.
    const names = await this.usernames(
      realm,
      page.filter((event) => !text(stringDetails(event.details).username)).map((event) => text(event.userId)),
    );
    const items = page.map((event) => {
      const details = stringDetails(event.details);
      const userId = text(event.userId);
      return {
        time: new Date(event.time ?? 0).toISOString(),
        type: String(event.type ?? ''),
        userId,
        username: text(details.username) ?? (userId ? (names.get(userId) ?? null) : null),
        ipAddress: text(event.ipAddress),
        clientId: text(event.clientId),
        sessionId: text(event.sessionId),
        error: text(event.error),
        details,
      };
    });
    return { items, more: events.length > query.max };
  }

  async adminEvents(realm: string, query: AdminEventsQuery): Promise<{ items: AdminEvent[]; more: boolean }> {
    const events = await this.#gateway.admin(realm, (kc) =>
      kc.realms.findAdminEvents({
        realm,
        operationTypes: query.operation,
        resourceTypes: query.resourceType,
        // Epoch milliseconds (an instant), which Keycloak accepts; the client's typing says Date.
        dateFrom: (query.from === undefined ? undefined : String(query.from)) as unknown as Date | undefined,
        dateTo: (query.to === undefined ? undefined : String(query.to)) as unknown as Date | undefined,
        first: query.first,
        max: query.max + 1,
      }),
    );
    const page = events.slice(0, query.max);
    const names = await this.usernames(realm, [
      ...page.map((event) => text(event.authDetails?.userId)),
      ...page.map((event) => userIdInPath(text(event.resourcePath))),
    ]);
    const nameOf = (id: string | null) => (id ? (names.get(id) ?? null) : null);
    const items = page.map((event) => ({
      time: new Date(event.time ?? 0).toISOString(),
      operationType: String(event.operationType ?? ''),
      resourceType: text(event.resourceType),
      resourcePath: text(event.resourcePath),
      resourceUsername: nameOf(userIdInPath(text(event.resourcePath))),
      authUserId: text(event.authDetails?.userId),
      authUsername: nameOf(text(event.authDetails?.userId)),
      authClientId: text(event.authDetails?.clientId),
      authIpAddress: text(event.authDetails?.ipAddress),
      error: text(event.error),
    }));
    return { items, more: events.length > query.max };
  }
}
