import type { SessionListQuery, SessionListResponse, SessionRevocation, SessionRow, SessionType } from '@session-desk/contracts';
import type { KeycloakSessions } from '../keycloak/sessions-api.js';
import { toSessionRow } from '../keycloak/sessions-api.js';
import { SessionIndex } from './session-index.js';
import { withRevocations, type NotBefores } from './revocation.js';
import { inParallel } from './in-parallel.js';
import { UserDirectory } from './user-directory.js';

interface Snapshot {
  index: SessionIndex;
  builtAt: number;
  buildMs: number;
}

interface RealmState {
  snapshot?: Snapshot;
  building?: Promise<Snapshot>;
  /** A rebuild asked for by lookups of unknown ids, waiting for the minimum interval to pass. */
  scheduled?: Promise<Snapshot>;
}

/** How many per-client listings run toward Keycloak at once while a snapshot is built. */
const BUILD_PARALLELISM = 4;

/**
 * Realm-wide session lists, built in the BFF from Keycloak's public paged per-client listings
 * (Keycloak has no public realm-wide paged endpoint). A snapshot is reused while it is younger than
 * the TTL; an older one is still served, labelled with its age, while a new one builds in the
 * background (stale-while-revalidate), so a page never waits on a full rescan after the first.
 */
export class RealmSnapshots {
  readonly #keycloak: KeycloakSessions;
  readonly #users: UserDirectory;
  readonly #ttlMs: number;
  readonly #minRebuildMs: number;
  readonly #onBackgroundError: (err: unknown, realm: string) => void;
  readonly #now: () => number;
  readonly #realms = new Map<string, RealmState>();

  /**
   * `ttlMs`: a snapshot older than this is rebuilt in the background when read. `minRebuildMs`: a
   * session id the snapshot does not hold waits for a rebuild that starts no earlier than this long
   * after the last build, shared by everyone asking meanwhile, so unknown ids cost at most one
   * rebuild per realm per interval, whoever asks (default 0). `users`: the users' details kept
   * across builds (default: a UserDirectory of its own).
   */
  constructor(
    keycloak: KeycloakSessions,
    options: { ttlMs: number; minRebuildMs?: number; now?: () => number; onBackgroundError?: (err: unknown, realm: string) => void; users?: UserDirectory },
  ) {
    this.#keycloak = keycloak;
    this.#users = options.users ?? new UserDirectory(keycloak, { now: options.now });
    this.#onBackgroundError = options.onBackgroundError ?? (() => undefined);
    this.#ttlMs = options.ttlMs;
    this.#minRebuildMs = options.minRebuildMs ?? 0;
    this.#now = options.now ?? Date.now;
  }

  async list(realm: string, query: SessionListQuery): Promise<SessionListResponse> {
    const { snapshot, refreshing } = await this.#current(realm);
    const { items, total } = snapshot.index.query(query);
    return {
      items,
      total,
      first: query.first,
      max: query.max,
      snapshot: {
        builtAt: new Date(snapshot.builtAt).toISOString(),
        ageSeconds: Math.max(0, Math.round((this.#now() - snapshot.builtAt) / 1000)),
        refreshing,
        buildMs: snapshot.buildMs,
      },
    };
  }

  /** Looks a session up, rebuilding the snapshot once (see `minRebuildMs`) if it is not there: it may be newer than the snapshot. */
  async find(realm: string, sessionId: string, type?: SessionType): Promise<SessionRow | undefined> {
    const [found] = await this.findAll(realm, [{ id: sessionId, type }]);
    return found;
  }

  /** Looks many sessions up at once, rebuilding the snapshot at most once (as `find` does) for those it does not hold. */
  async findAll(realm: string, wanted: ReadonlyArray<{ id: string; type?: SessionType | undefined }>): Promise<Array<SessionRow | undefined>> {
    const { snapshot } = await this.#current(realm);
    const found = wanted.map(({ id, type }) => snapshot.index.find(id, type));
    if (found.every(Boolean)) return found;
    const fresh = await this.#rebuildForLookup(realm, snapshot);
    return wanted.map(({ id, type }, i) => found[i] ?? fresh.index.find(id, type));
  }

  #rebuildForLookup(realm: string, snapshot: Snapshot): Promise<Snapshot> {
    const state = this.#state(realm);
    if (state.building) return state.building;
    const waitMs = (state.snapshot ?? snapshot).builtAt + this.#minRebuildMs - this.#now();
    if (waitMs <= 0) return this.refresh(realm);
    state.scheduled ??= new Promise((resolve) => setTimeout(resolve, waitMs))
      .then(() => this.refresh(realm))
      .finally(() => {
        state.scheduled = undefined;
      });
    return state.scheduled;
  }

  /** Drops sessions the console just ended, so lists reflect it before the next rebuild. */
  forget(realm: string, predicate: (row: SessionRow) => boolean): void {
    const state = this.#realms.get(realm);
    if (state?.snapshot) state.snapshot = { ...state.snapshot, index: state.snapshot.index.without(predicate) };
  }

  /** Marks sessions Keycloak no longer honours (a not-before moved through the console), so lists say so before the next rebuild. */
  revoke(realm: string, predicate: (row: SessionRow) => boolean, revoked: SessionRevocation): void {
    const state = this.#realms.get(realm);
    if (state?.snapshot) state.snapshot = { ...state.snapshot, index: state.snapshot.index.map((row) => (!row.revoked && predicate(row) ? { ...row, revoked } : row)) };
  }

  /** Builds a new snapshot now (sharing a build already under way). */
  refresh(realm: string): Promise<Snapshot> {
    const state = this.#state(realm);
    state.building ??= this.#build(realm)
      .then((snapshot) => {
        state.snapshot = snapshot;
        return snapshot;
      })
      .finally(() => {
        state.building = undefined;
      });
    return state.building;
  }

  async #current(realm: string): Promise<{ snapshot: Snapshot; refreshing: boolean }> {
    const state = this.#state(realm);
    const snapshot = state.snapshot;
    if (!snapshot) return { snapshot: await this.refresh(realm), refreshing: false };
    if (this.#now() - snapshot.builtAt > this.#ttlMs && !state.building) {
      // Serve the stale snapshot now; a failed background build keeps it and is retried next time.
      this.refresh(realm).catch((err: unknown) => this.#onBackgroundError(err, realm));
    }
    return { snapshot, refreshing: state.building !== undefined };
  }

  #state(realm: string): RealmState {
    let state = this.#realms.get(realm);
    if (!state) {
      state = {};
      this.#realms.set(realm, state);
    }
    return state;
  }

  async #build(realm: string): Promise<Snapshot> {
    const started = performance.now();
    const [stats, realmNotBefore, clientNotBefores] = await Promise.all([
      this.#keycloak.clientStats(realm),
      this.#keycloak.realmNotBefore(realm),
      this.#keycloak.allClientNotBefores(realm),
    ]);
    const listings = stats.flatMap((stat) => [
      ...(stat.active > 0 ? [{ client: stat.id, type: 'regular' as const }] : []),
      ...(stat.offline > 0 ? [{ client: stat.id, type: 'offline' as const }] : []),
    ]);
    const rows = new Map<string, SessionRow>();
    await inParallel(listings, BUILD_PARALLELISM, async ({ client, type }) => {
      for (const session of await this.#keycloak.clientSessions(realm, client, type)) {
        const key = `${type}:${session.id}`;
        const known = rows.get(key);
        const row = toSessionRow(session, type, null);
        if (!known) {
          rows.set(key, row);
          continue;
        }
        // One user session spans several clients; each client's listing names the same session.
        for (const entry of row.clients) if (!known.clients.some((c) => c.id === entry.id)) known.clients.push(entry);
      }
    });
    // Users' details come from the directory: read once per user with sessions, not per build.
    const contacts = await this.#users.resolve(realm, new Map([...rows.values()].flatMap((row) => (row.userId ? [[row.userId, row.username] as const] : []))));
    // Users' own not-befores are not in Keycloak's brief listing (the full one costs ~18× more):
    // the realm-wide list marks what the realm's and clients' not-befores revoke, and what the
    // console itself revoked since (see revoke); a user's own page reads their not-before live.
    const notBefores: NotBefores = { realm: realmNotBefore, users: new Map(), clients: clientNotBefores };
    const previous = this.#realms.get(realm)?.snapshot?.index;
    const marked = withRevocations(
      [...rows.values()].map((row) => ({ ...row, email: contacts.get(row.userId)?.email ?? null, revoked: previous?.find(row.id, row.type)?.revoked ?? null })),
      notBefores,
    );
    const names = new Map([...contacts].flatMap(([id, contact]) => (contact.fullName ? [[id, contact.fullName] as const] : [])));
    return { index: new SessionIndex(marked, names), builtAt: this.#now(), buildMs: Math.round(performance.now() - started) };
  }
}
