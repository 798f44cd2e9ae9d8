import type { KeycloakSessions } from '../keycloak/sessions-api.js';
import { readUsers } from './user-reads.js';

type NotBeforeSource = Pick<KeycloakSessions, 'userNotBefore' | 'userNotBeforesByPaging' | 'userCount' | 'userPageSize'>;

interface Entry {
  /** Keycloak's not-before of the user (epoch seconds; 0: never set). */
  notBefore: number;
  /** When it was read (epoch ms). */
  readAt: number;
}

interface RealmEntries {
  entries: Map<string, Entry>;
  /** The users who held regular sessions at the last resolve. */
  regularHolders: ReadonlySet<string>;
}


export interface UserNotBeforesOptions {
  /** Every remembered not-before is read again within about this many builds, oldest first (default 20). */
  sweepBuilds?: number;
  /** At least this many of the oldest are read again per build (default 5). */
  minRefreshPerBuild?: number;
  /**
   * At most this many are read again per build (default 10), whatever the sweep asks: renewals are
   * read one user at a time, so a warm build's calls do not depend on how many users the realm holds.
   */
  maxRefreshPerBuild?: number;
  now?: () => number;
}

/**
 * The not-befores of the users who hold offline sessions, kept across snapshot builds so a build
 * reads them for users seen for the first time, not for every such user every time.
 *
 * Why a cached value stays true: a user's not-before moves when the user is logged out (in the
 * console, in Keycloak's admin console, or with the Admin API's `POST /users/{id}/logout`), and that
 * logout also ends every regular session of the user; only offline sessions outlive it (Keycloak
 * `UserResource.logout`). So a user is read again when first seen with an offline session, and when
 * their regular sessions all ended since the last build (the trace of a logout). A logout of a user
 * who had no regular session leaves no trace in the listings: the oldest reads are renewed a slice
 * per build (`sweepBuilds`), so such a change shows within that many builds.
 */
export class UserNotBefores {
  readonly #keycloak: NotBeforeSource;
  readonly #sweepBuilds: number;
  readonly #minRefresh: number;
  readonly #maxRefresh: number;
  readonly #now: () => number;
  readonly #realms = new Map<string, RealmEntries>();

  constructor(keycloak: NotBeforeSource, options: UserNotBeforesOptions = {}) {
    this.#keycloak = keycloak;
    this.#sweepBuilds = options.sweepBuilds ?? 20;
    this.#minRefresh = options.minRefreshPerBuild ?? 5;
    this.#maxRefresh = options.maxRefreshPerBuild ?? 10;
    this.#now = options.now ?? Date.now;
  }

  /**
   * The not-befores (epoch seconds, users without one left out) of `offlineHolders`, the users with
   * offline sessions in this build. `regularHolders`: the users with regular sessions in this build.
   * Users no longer holding an offline session are forgotten. Keycloak errors propagate.
   */
  async resolve(realm: string, offlineHolders: ReadonlySet<string>, regularHolders: ReadonlySet<string>): Promise<Map<string, number>> {
    const known = this.#realms.get(realm) ?? { entries: new Map<string, Entry>(), regularHolders: new Set<string>() };
    const { entries } = known;
    for (const id of entries.keys()) if (!offlineHolders.has(id)) entries.delete(id);

    const reads = new Set<string>();
    for (const id of offlineHolders) {
      const loggedOutSince = known.regularHolders.has(id) && !regularHolders.has(id);
      if (!entries.has(id) || loggedOutSince) reads.add(id);
    }
    const budget = Math.min(this.#maxRefresh, Math.max(this.#minRefresh, Math.ceil(entries.size / this.#sweepBuilds)));
    const renewals = [...entries]
      .filter(([id]) => !reads.has(id))
      .sort((a, b) => a[1].readAt - b[1].readAt)
      .slice(0, budget)
      .map(([id]) => id);

    const now = this.#now();
    const store = (id: string, notBefore: number | undefined) => entries.set(id, { notBefore: notBefore ?? 0, readAt: now });
    // New holders (every one, on a realm's first build) page the realm's users when that is fewer calls.
    // A user Keycloak no longer has reads as 0, as `userNotBefore` answers.
    const read = { one: (id: string) => this.#keycloak.userNotBefore(realm, id), byPaging: (wanted: ReadonlySet<string>) => this.#keycloak.userNotBeforesByPaging(realm, wanted) };
    await readUsers(this.#keycloak, realm, [...reads], read, store);
    // Renewals are one call each: paging would make a warm build's calls grow with users who hold no session.
    await readUsers(this.#keycloak, realm, renewals, { one: read.one }, store);
    this.#realms.set(realm, { entries, regularHolders: new Set(regularHolders) });

    const notBefores = new Map<string, number>();
    for (const [id, entry] of entries) if (entry.notBefore > 0) notBefores.set(id, entry.notBefore);
    return notBefores;
  }

  /** Every not-before known for `realm` (epoch s, 0: none), to hand to instances sharing the builds. */
  known(realm: string): Array<[userId: string, notBefore: number]> {
    return [...(this.#realms.get(realm)?.entries ?? [])].map(([id, entry]) => [id, entry.notBefore]);
  }

  /**
   * Takes the not-befores of a build another instance made and published (`readAt`: that build's
   * start, epoch ms), so this instance's next build does not read them again; newer reads here stay.
   */
  remember(realm: string, notBefores: ReadonlyArray<readonly [string, number]>, readAt: number): void {
    const known = this.#realms.get(realm) ?? { entries: new Map<string, Entry>(), regularHolders: new Set<string>() };
    for (const [id, notBefore] of notBefores) {
      const entry = known.entries.get(id);
      if (!entry || entry.readAt < readAt) known.entries.set(id, { notBefore, readAt });
    }
    this.#realms.set(realm, known);
  }
}
