import { clientCredentialsToken, masterAdminToken } from '@session-desk/keycloak-local';
import type { Json } from './http.ts';
import { getJson, isJson, jsonArray } from './http.ts';

/** Page sizes the BFF uses for its snapshot listings (apps/bff/src/keycloak/sessions-api.ts). */
const SESSION_PAGE = 1_000;
const USER_PAGE = 1_000;
/** The BFF's snapshot build runs this many per-client listings at once (realm-snapshots.ts). */
export const BFF_BUILD_PARALLELISM = 4;
/** readUsers (apps/bff/src/sessions/user-reads.ts): single-user reads at once, and the count above which paging is weighed. */
const USER_READ_PARALLELISM = 4;
const USER_READS_PAGING_WORTH_CHECKING = 20;

/** A bearer token fetched again before it expires (5 min in realm `large`, 60 s in master). */
export class TokenSource {
  readonly label: string;
  readonly #fetch: () => Promise<string>;
  readonly #maxAgeMs: number;
  #current: { token: string; at: number } | undefined;

  constructor(label: string, fetchToken: () => Promise<string>, maxAgeMs: number) {
    this.label = label;
    this.#fetch = fetchToken;
    this.#maxAgeMs = maxAgeMs;
  }

  async get(): Promise<string> {
    if (!this.#current || performance.now() - this.#current.at > this.#maxAgeMs) this.#current = { token: await this.#fetch(), at: performance.now() };
    return this.#current.token;
  }

  static serviceAccount(url: string, realm: string, clientId: string, clientSecret: string): TokenSource {
    return new TokenSource(`${clientId} service account of realm ${realm}`, () => clientCredentialsToken({ url, realm, clientId, clientSecret }), 200_000);
  }

  static masterAdmin(url: string): TokenSource {
    return new TokenSource('master admin (admin-cli)', () => masterAdminToken(url), 40_000);
  }
}

async function inParallel<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await task(item);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
}

export interface ListedSession {
  key: string;
  id: string;
  type: 'regular' | 'offline';
  userId: string;
  lastAccess: number;
}

/** Keycloak's Admin API asked directly, with the same calls the BFF makes. */
export class KeycloakDirect {
  readonly url: string;
  readonly realm: string;
  readonly tokens: TokenSource;

  constructor(url: string, realm: string, tokens: TokenSource) {
    this.url = url;
    this.realm = realm;
    this.tokens = tokens;
  }

  async get(path: string): Promise<unknown> {
    return getJson(`${this.url}/admin/realms/${encodeURIComponent(this.realm)}${path}`, { authorization: `Bearer ${await this.tokens.get()}` });
  }

  /** The admin console's own realm-wide session list (admin-ui-ext SessionsResource: type, search, first, max). */
  consoleSessions(search: string, first = 0, max = 50): Promise<unknown> {
    const query = new URLSearchParams({ first: String(first), max: String(max), type: 'ALL', search });
    return this.get(`/ui-ext/sessions?${query}`);
  }

  async clientStats(): Promise<Array<{ id: string; clientId: string; active: number; offline: number }>> {
    return jsonArray(await this.get('/client-session-stats')).map((s) => ({
      id: String(s['id']),
      clientId: String(s['clientId']),
      active: Number(s['active'] ?? 0),
      offline: Number(s['offline'] ?? 0),
    }));
  }

  async #paged(path: string, page: number): Promise<Json[]> {
    const all: Json[] = [];
    for (let first = 0; ; first += page) {
      const items = jsonArray(await this.get(`${path}${path.includes('?') ? '&' : '?'}first=${first}&max=${page}`));
      all.push(...items);
      if (items.length < page) return all;
    }
  }

  /**
   * Every client's regular and offline sessions, paged by 1,000, `parallelism` listings at a time,
   * after client-session-stats: the listing part of the BFF's snapshot build.
   */
  async fullListing(parallelism: number): Promise<{ sessions: Map<string, ListedSession>; calls: number }> {
    const stats = await this.clientStats();
    const { sessions, calls } = await this.#listings(stats, parallelism);
    return { sessions, calls: calls + 1 };
  }

  /**
   * The calls a BFF's first snapshot build of the realm makes (realm-snapshots.ts `#build`, its
   * UserDirectory and UserNotBefores with nothing known yet, user-reads.ts `readUsers`), in the same
   * shape, `parallelism` at a time where the BFF runs them side by side (1: everything in turn):
   * client-session-stats, the realm and the clients (not-befores) at once; every client's listing;
   * then, at once, the details of every user with sessions and the not-befores of every user with
   * offline sessions, each by paging the realm's users (brief, then full representations) after a
   * count when that takes fewer calls than one read per user, else one `GET /users/{id}` per user.
   */
  async firstBuild(parallelism: number): Promise<{ sessions: Map<string, ListedSession>; users: number; calls: number }> {
    const together = async <A, B, C>(a: () => Promise<A>, b: () => Promise<B>, c: () => Promise<C>): Promise<[A, B, C]> =>
      parallelism > 1 ? Promise.all([a(), b(), c()]) : [await a(), await b(), await c()];
    const [stats, , clientCalls] = await together(
      () => this.clientStats(),
      () => this.get(''),
      async () => (await this.#paged('/clients', USER_PAGE)).length,
    );
    const listed = await this.#listings(stats, parallelism);
    let calls = 2 + Math.floor(clientCalls / USER_PAGE) + 1 + listed.calls;
    const holders = new Set([...listed.sessions.values()].map((s) => s.userId));
    const offlineHolders = new Set([...listed.sessions.values()].filter((s) => s.type === 'offline').map((s) => s.userId));
    const read = async (wanted: ReadonlySet<string>, brief: boolean): Promise<number> => {
      if (wanted.size === 0) return 0;
      if (wanted.size > USER_READS_PAGING_WORTH_CHECKING) {
        const count = Number(await this.get('/users/count'));
        calls++;
        if (Math.ceil(count / USER_PAGE) + 1 < wanted.size) {
          const users = await this.#paged(`/users?briefRepresentation=${brief}`, USER_PAGE);
          calls += Math.floor(users.length / USER_PAGE) + 1;
          return users.filter((u) => wanted.has(String(u['id']))).length;
        }
      }
      let found = 0;
      await inParallel([...wanted], parallelism > 1 ? USER_READ_PARALLELISM : 1, async (id) => {
        await this.get(`/users/${encodeURIComponent(id)}`);
        calls++;
        found++;
      });
      return found;
    };
    const [users] = parallelism > 1 ? await Promise.all([read(holders, true), read(offlineHolders, false)]) : [await read(holders, true), await read(offlineHolders, false)];
    return { sessions: listed.sessions, users, calls };
  }

  async #listings(stats: Array<{ id: string; active: number; offline: number }>, parallelism: number): Promise<{ sessions: Map<string, ListedSession>; calls: number }> {
    let calls = 0;
    const listings = stats.flatMap((s) => [
      ...(s.active > 0 ? [{ client: s.id, type: 'regular' as const }] : []),
      ...(s.offline > 0 ? [{ client: s.id, type: 'offline' as const }] : []),
    ]);
    const sessions = new Map<string, ListedSession>();
    await inParallel(listings, parallelism, async ({ client, type }) => {
      const path = `/clients/${client}/${type === 'regular' ? 'user-sessions' : 'offline-sessions'}`;
      const page = await this.#paged(path, SESSION_PAGE);
      calls += Math.floor(page.length / SESSION_PAGE) + 1;
      for (const s of page) {
        const id = String(s['id']);
        const key = `${type}:${id}`;
        if (!sessions.has(key)) sessions.set(key, { key, id, type, userId: String(s['userId']), lastAccess: Number(s['lastAccess'] ?? 0) });
      }
    });
    return { sessions, calls };
  }

  async userIdByUsername(username: string): Promise<string> {
    const found = jsonArray(await this.get(`/users?username=${encodeURIComponent(username)}&exact=true&briefRepresentation=true`));
    const id = found.find((u) => u['username'] === username)?.['id'];
    if (typeof id !== 'string') throw new Error(`No user ${username} in realm ${this.realm}.`);
    return id;
  }

  readonly #clientUuids = new Map<string, string>();

  /** A client's uuid, cached like the BFF's `clientUuid` (a client id keeps its uuid). */
  async clientUuid(clientId: string): Promise<string | undefined> {
    const cached = this.#clientUuids.get(clientId);
    if (cached) return cached;
    const clients = jsonArray(await this.get(`/clients?clientId=${encodeURIComponent(clientId)}&first=0&max=1`));
    const uuid = clients.find((c) => c['clientId'] === clientId)?.['id'];
    if (typeof uuid !== 'string') return undefined;
    this.#clientUuids.set(clientId, uuid);
    return uuid;
  }

  /**
   * What the BFF's user detail asks Keycloak (sessions-api.ts, session-desk.ts): the user, then in
   * parallel the regular sessions and the offline ones: consents, the clients holding an offline
   * token resolved to uuids (cached, as in the BFF), their offline listings in parallel. The
   * console-admin check makes no call outside the operator realm.
   */
  async userDetail(userId: string): Promise<{ regular: number; offline: number }> {
    const user = await this.get(`/users/${encodeURIComponent(userId)}`);
    if (!isJson(user)) throw new Error('unexpected user representation');
    const [regular, offline] = await Promise.all([
      this.get(`/users/${encodeURIComponent(userId)}/sessions`).then((s) => jsonArray(s).length),
      (async () => {
        const consents = jsonArray(await this.get(`/users/${encodeURIComponent(userId)}/consents`));
        const offlineClients = consents.filter((c) => jsonArray(c['additionalGrants']).some((g) => g['key'] === 'Offline Token'));
        const uuids = await Promise.all(offlineClients.map((consent) => this.clientUuid(String(consent['clientId']))));
        const listings = await Promise.all(
          uuids.filter((uuid): uuid is string => uuid !== undefined).map((uuid) => this.get(`/users/${encodeURIComponent(userId)}/offline-sessions/${uuid}`)),
        );
        return new Set(listings.flatMap((l) => jsonArray(l).map((s) => String(s['id'])))).size;
      })(),
    ]);
    return { regular, offline };
  }
}
