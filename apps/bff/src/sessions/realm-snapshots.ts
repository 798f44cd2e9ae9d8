import type { SessionListQuery, SessionListResponse, SessionLocation, SessionRevocation, SessionRow, SessionType } from '@session-desk/contracts';
import type { KeycloakSessions } from '../keycloak/sessions-api.js';
import { toSessionRow } from '../keycloak/sessions-api.js';
import { SessionIndex } from './session-index.js';
import { withRevocations, type NotBefores } from './revocation.js';
import { inParallel } from './in-parallel.js';
import { UserDirectory } from './user-directory.js';
import { UserNotBefores } from './user-not-befores.js';
import { rebuildGapMs } from './rebuild-interval.js';
import { soloSnapshotSharing, type SharedSnapshot, type SnapshotSharing } from './snapshot-sharing.js';
import { HttpError } from '../http/errors.js';
import { serviceUnavailable } from '../http/errors.js';
import { JsonText } from '../http/json-text.js';

interface Snapshot {
  index: SessionIndex;
  /** When the build began asking Keycloak, and when it ended (epoch ms). */
  startedAt: number;
  builtAt: number;
  buildMs: number;
}

export interface RealmSnapshotsOptions {
  ttlMs: number;
  minRebuildMs?: number;
  /** The largest share of the time (0 < share ≤ 1) a realm may spend rebuilding; default 1 (no stretching). */
  maxRebuildShare?: number;
  /** How instances sharing a store split the builds (default: this instance alone). */
  sharing?: SnapshotSharing;
  now?: () => number;
  onBackgroundError?: (err: unknown, realm: string) => void;
  users?: UserDirectory;
  /** Country and network of a session's address, added at build time (absent: rows carry no location). */
  locate?: ((ipAddress: string) => SessionLocation) | undefined;
  /** How long a realm's first list waits for its first build before answering 503 snapshot_building (ms; default 20 s). */
  firstBuildWaitMs?: number;
}

/**
 * A realm's first snapshot is still being read from Keycloak: answered 503 with Retry-After, while
 * the build goes on. Keycloak 26 lists about 500 sessions a second per client on a 2-core machine,
 * so a first build of 100,000 sessions takes minutes (bench/README.md).
 */
export const snapshotBuilding = (realm: string) =>
  serviceUnavailable(
    'snapshot_building',
    `Session Desk is reading the sessions of realm "${realm}" from Keycloak for the first time. A large realm takes a few minutes; the list appears as soon as it is read.`,
  );

/** A build under way, and the earliest start it guarantees (epoch ms): its snapshot began no earlier. */
interface Building {
  promise: Promise<Snapshot>;
  acceptFrom: number;
}

interface RealmState {
  snapshot?: Snapshot;
  building?: Building;
  /** The last build that failed since the last one that worked: when, and why (an HttpError's message). */
  lastFailure?: { at: number; message: string } | undefined;
  /** A rebuild asked for by lookups of unknown ids, waiting for the minimum interval to pass. */
  scheduled?: Promise<Snapshot>;
}

/** How many per-client listings run toward Keycloak at once while a snapshot is built. */
const BUILD_PARALLELISM = 4;
/** How often an instance waiting for another's build looks for it (ms). */
const SHARED_POLL_MS = 200;
/** The build lease outlives a build by this factor (at least LEASE_MIN_MS): a crashed builder's lease expires. */
const LEASE_FACTOR = 3;
const LEASE_MIN_MS = 30_000;

  /**
 * Realm-wide session lists, built in the BFF from Keycloak's public paged per-client listings
 * (Keycloak has no public realm-wide paged endpoint). A snapshot is reused while it is younger than
 * the TTL; an older one is still served, labelled with its age, while a new one builds in the
 * background (stale-while-revalidate), so a page never waits on a full rescan after the first.
 */
export class RealmSnapshots {
  readonly #keycloak: KeycloakSessions;
  readonly #users: UserDirectory;
  readonly #notBefores: UserNotBefores;
  readonly #ttlMs: number;
  readonly #minRebuildMs: number;
  readonly #maxShare: number;
  readonly #sharing: SnapshotSharing;
  readonly #onBackgroundError: (err: unknown, realm: string) => void;
  readonly #now: () => number;
  readonly #locate: ((ipAddress: string) => SessionLocation) | undefined;
  readonly #firstBuildWaitMs: number;
  readonly #realms = new Map<string, RealmState>();
  readonly #builtListeners: Array<(realm: string, rows: readonly SessionRow[]) => void> = [];

  /**
   * `ttlMs`: a snapshot older than this is rebuilt in the background when read. `minRebuildMs`: a
   * session id the snapshot does not hold waits for a rebuild that starts no earlier than this long
   * after the last build, shared by everyone asking meanwhile, so unknown ids cost at most one
   * rebuild per realm per interval, whoever asks (default 0). `users`: the users' details kept
   * across builds (default: a UserDirectory of its own). Both intervals stretch with the build
   * time so rebuilds take at most `maxRebuildShare` of the time (see rebuildGapMs).
   * `locate`: country and network per session address, added at build time (absent: rows carry no location).
   */
  constructor(keycloak: KeycloakSessions, options: RealmSnapshotsOptions) {
    this.#locate = options.locate;
    this.#firstBuildWaitMs = options.firstBuildWaitMs ?? 20_000;
    this.#keycloak = keycloak;
    this.#users = options.users ?? new UserDirectory(keycloak, { now: options.now });
    this.#notBefores = new UserNotBefores(keycloak, { now: options.now });
    this.#onBackgroundError = options.onBackgroundError ?? (() => undefined);
    this.#ttlMs = options.ttlMs;
    this.#minRebuildMs = options.minRebuildMs ?? 0;
    this.#maxShare = options.maxRebuildShare ?? 1;
    this.#sharing = options.sharing ?? soloSnapshotSharing;
    this.#now = options.now ?? Date.now;
  }

  async list(realm: string, query: SessionListQuery): Promise<SessionListResponse> {
    const { snapshot, refreshing, lastFailure } = await this.#current(realm);
    const { items, total, revokedTotal } = snapshot.index.query(query);
    return { items, ...this.#pageInfo(snapshot, refreshing, lastFailure, query, total, revokedTotal) };
  }

  /** `list`'s answer as JSON text, its rows serialized once per page and snapshot (see SessionIndex.queryText). */
  async listText(realm: string, query: SessionListQuery): Promise<JsonText<SessionListResponse>> {
    const { snapshot, refreshing, lastFailure } = await this.#current(realm);
    const { itemsJson, total, revokedTotal } = snapshot.index.queryText(query);
    const rest = JSON.stringify(this.#pageInfo(snapshot, refreshing, lastFailure, query, total, revokedTotal));
    return new JsonText(`{"items":${itemsJson},${rest.slice(1)}`);
  }

  #pageInfo(
    snapshot: Snapshot,
    refreshing: boolean,
    lastFailure: RealmState['lastFailure'],
    query: SessionListQuery,
    total: number,
    revokedTotal: number,
  ): Omit<SessionListResponse, 'items'> {
    return {
      total,
      revokedTotal,
      realmTotal: snapshot.index.size,
      first: query.first,
      max: query.max,
      snapshot: {
        builtAt: new Date(snapshot.builtAt).toISOString(),
        ageSeconds: Math.max(0, Math.round((this.#now() - snapshot.builtAt) / 1000)),
        refreshing,
        buildMs: snapshot.buildMs,
        refreshFailed: lastFailure ? { at: new Date(lastFailure.at).toISOString(), message: lastFailure.message } : null,
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
    const lookUp = (index: SessionIndex, found: Array<SessionRow | undefined>) => wanted.map(({ id, type }, i) => found[i] ?? index.find(id, type));
    let found = lookUp(snapshot.index, []);
    if (found.every(Boolean)) return found;
    // A build under way may hold them; if not, the rebuild below began after it, so after the ask.
    const under = await this.#state(realm).building?.promise.catch(() => undefined);
    if (under) found = lookUp(under.index, found);
    if (found.every(Boolean)) return found;
    const fresh = await this.#rebuildForLookup(realm, this.#state(realm).snapshot ?? snapshot);
    return lookUp(fresh.index, found);
  }

  #rebuildForLookup(realm: string, last: Snapshot): Promise<Snapshot> {
    const state = this.#state(realm);
    const waitMs = last.builtAt + rebuildGapMs({ ttlMs: this.#minRebuildMs, buildMs: last.buildMs, maxShare: this.#maxShare }) - this.#now();
    if (waitMs <= 0) return this.refresh(realm);
    state.scheduled ??= new Promise((resolve) => setTimeout(resolve, waitMs))
      .then(() => this.refresh(realm))
      .finally(() => {
        state.scheduled = undefined;
      });
    return state.scheduled;
  }

  /**
   * Calls `listener` with the rows of every snapshot this instance builds from Keycloak (not those
   * it loads from another instance, which that one reported), right after the build.
   */
  onBuilt(listener: (realm: string, rows: readonly SessionRow[]) => void): void {
    this.#builtListeners.push(listener);
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

  /**
   * A snapshot begun no earlier than now, so it holds every session Keycloak had when this was
   * called: built here, or published by another instance sharing the store. A build under way that
   * began earlier is waited for, then a new one is made, shared by everyone asking meanwhile.
   */
  refresh(realm: string): Promise<Snapshot> {
    const now = this.#now();
    return this.#refresh(realm, now, now);
  }

  /** A snapshot begun at `acceptFrom` or later; a build under way is joined if it guarantees `joinFrom` or later. */
  #refresh(realm: string, acceptFrom: number, joinFrom: number): Promise<Snapshot> {
    const state = this.#state(realm);
    const under = state.building;
    if (under && under.acceptFrom >= joinFrom) return under.promise;
    if (under) return under.promise.catch(() => undefined).then(() => this.#refresh(realm, acceptFrom, joinFrom));
    const building: Building = {
      acceptFrom,
      promise: this.#obtain(realm, acceptFrom)
        .then(
          (snapshot) => {
            state.snapshot = snapshot;
            state.lastFailure = undefined;
            return snapshot;
          },
          (err: unknown) => {
            state.lastFailure = { at: this.#now(), message: err instanceof HttpError ? err.message : 'The realm could not be read from Keycloak.' };
            throw err;
          },
        )
        .finally(() => {
          if (state.building === building) state.building = undefined;
        }),
    };
    state.building = building;
    return building.promise;
  }

  async #current(realm: string): Promise<{ snapshot: Snapshot; refreshing: boolean; lastFailure: RealmState['lastFailure'] }> {
    const state = this.#state(realm);
    const snapshot = state.snapshot;
    // A first list takes any build, even one begun a moment earlier: concurrent first lists share one.
    if (!snapshot) return { snapshot: await this.#firstBuild(realm), refreshing: false, lastFailure: undefined };
    const gapMs = rebuildGapMs({ ttlMs: this.#ttlMs, buildMs: snapshot.buildMs, maxShare: this.#maxShare });
    if (this.#now() - snapshot.builtAt > gapMs && !state.building) {
      // Serve the stale snapshot now; a failed background build keeps it and is retried next time.
      // Any build newer than this one will do, including one another instance published.
      this.#refresh(realm, snapshot.startedAt + 1, snapshot.startedAt + 1).catch((err: unknown) => this.#onBackgroundError(err, realm));
    }
    return { snapshot, refreshing: state.building !== undefined, lastFailure: state.lastFailure };
  }

  /**
   * The realm's first snapshot, or snapshotBuilding (503) when it is not read within
   * `firstBuildWaitMs`: the build goes on, and the next ask joins it.
   */
  async #firstBuild(realm: string): Promise<Snapshot> {
    const build = this.#refresh(realm, this.#now(), Number.NEGATIVE_INFINITY);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), this.#firstBuildWaitMs);
    });
    try {
      const first = await Promise.race([build, late]);
      if (first !== 'late') return first;
      // Nobody awaits the build any more: its failure is reported, and the next ask starts another.
      build.catch((err: unknown) => this.#onBackgroundError(err, realm));
      throw snapshotBuilding(realm);
    } finally {
      clearTimeout(timer);
    }
  }

  #state(realm: string): RealmState {
    let state = this.#realms.get(realm);
    if (!state) {
      state = {};
      this.#realms.set(realm, state);
    }
    return state;
  }

  /**
   * A snapshot begun at `acceptFrom` or later: another instance's published build when there is
   * one, else built here under the realm's lease (published for the others), else (another
   * instance holds the lease) waited for. A store that fails is skipped: the instance builds alone.
   */
  async #obtain(realm: string, acceptFrom: number): Promise<Snapshot> {
    const last = this.#realms.get(realm)?.snapshot;
    const leaseMs = Math.max(LEASE_MIN_MS, LEASE_FACTOR * (last?.buildMs ?? 0));
    const giveUpAt = Date.now() + leaseMs;
    for (;;) {
      const published = await this.#published(realm, acceptFrom);
      if (published) return published;
      const release = await this.#sharing.lease(realm, leaseMs).catch(() => async () => undefined);
      if (release) {
        try {
          // Another instance may have published between the look and the lease.
          const justPublished = await this.#published(realm, acceptFrom);
          if (justPublished) return justPublished;
          return await this.#buildAndPublish(realm);
        } finally {
          await release().catch(() => undefined);
        }
      }
      if (Date.now() > giveUpAt) return this.#buildAndPublish(realm);
      await new Promise((resolve) => setTimeout(resolve, SHARED_POLL_MS));
    }
  }

  async #published(realm: string, acceptFrom: number): Promise<Snapshot | undefined> {
    const startedAt = await this.#sharing.publishedStartedAt(realm).catch(() => undefined);
    if (startedAt === undefined || startedAt < acceptFrom) return undefined;
    const shared = await this.#sharing.load(realm).catch(() => undefined);
    if (!shared || shared.startedAt < acceptFrom) return undefined;
    // The builder read these users' details; this instance's own next build need not read them again.
    const names = new Map(shared.names);
    const contacts = new Map(shared.rows.flatMap((row) => (row.userId ? [[row.userId, { username: row.username, email: row.email, fullName: names.get(row.userId) ?? '' }] as const] : [])));
    this.#users.remember(realm, contacts, shared.startedAt);
    this.#notBefores.remember(realm, shared.userNotBefores ?? [], shared.startedAt);
    const previous = this.#realms.get(realm)?.snapshot?.index;
    // Revocations this instance made through the console stay marked until Keycloak's lists catch up.
    const rows = shared.rows.map((row) => (row.revoked ? row : { ...row, revoked: previous?.find(row.id, row.type)?.revoked ?? null }));
    return { index: new SessionIndex(rows, names), startedAt: shared.startedAt, builtAt: shared.builtAt, buildMs: shared.buildMs };
  }

  async #buildAndPublish(realm: string): Promise<Snapshot> {
    const { snapshot, shared } = await this.#build(realm);
    for (const listener of this.#builtListeners) listener(realm, shared.rows);
    const keepMs = Math.max(60_000, 3 * rebuildGapMs({ ttlMs: this.#ttlMs, buildMs: snapshot.buildMs, maxShare: this.#maxShare }));
    await this.#sharing.publish(realm, shared, keepMs).catch((err: unknown) => this.#onBackgroundError(err, realm));
    return snapshot;
  }

  async #build(realm: string): Promise<{ snapshot: Snapshot; shared: SharedSnapshot }> {
    const startedAt = this.#now();
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
        const row = toSessionRow(session, type, null, this.#locate);
        if (!known) {
          rows.set(key, row);
          continue;
        }
        // One user session spans several clients; each client's listing names the same session.
        for (const entry of row.clients) if (!known.clients.some((c) => c.id === entry.id)) known.clients.push(entry);
      }
    });
    const holders = (type: SessionType) => new Set([...rows.values()].filter((row) => row.type === type).map((row) => row.userId));
    // Users' details come from the directory: read once per user with sessions, not per build. The two
    // reads are independent; on a first build each pages the realm's users, so they run side by side.
    const [contacts, userNotBefores] = await Promise.all([
      this.#users.resolve(realm, new Map([...rows.values()].flatMap((row) => (row.userId ? [[row.userId, row.username] as const] : [])))),
      this.#notBefores.resolve(realm, holders('offline'), holders('regular')),
    ]);
    const notBefores: NotBefores = { realm: realmNotBefore, users: userNotBefores, clients: clientNotBefores };
    const previous = this.#realms.get(realm)?.snapshot?.index;
    const marked = withRevocations(
      [...rows.values()].map((row) => ({ ...row, email: contacts.get(row.userId)?.email ?? null, revoked: previous?.find(row.id, row.type)?.revoked ?? null })),
      notBefores,
    );
    const names = [...contacts].flatMap(([id, contact]) => (contact.fullName ? [[id, contact.fullName] as [string, string]] : []));
    const times = { startedAt, builtAt: this.#now(), buildMs: Math.round(performance.now() - started) };
    return {
      snapshot: { index: new SessionIndex(marked, new Map(names)), ...times },
      shared: { ...times, rows: marked, names, userNotBefores: this.#notBefores.known(realm) },
    };
  }
}
