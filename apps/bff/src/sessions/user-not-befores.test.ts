import { describe, expect, it } from 'vitest';
import { UserNotBefores } from './user-not-befores.js';

/** A stand-in for the Keycloak module, for this unit only: users' not-befores, and who was read. */
function fakeKeycloak(notBefores: Record<string, number> = {}, realmUsers = 1_000_000) {
  const reads: string[] = [];
  const paged: string[][] = [];
  const keycloak = {
    userNotBefore: async (_realm: string, userId: string) => {
      reads.push(userId);
      return notBefores[userId] ?? 0;
    },
    userCount: async () => realmUsers,
    userPageSize: 1_000,
    userNotBeforesByPaging: async (_realm: string, wanted: ReadonlySet<string>) => {
      paged.push([...wanted]);
      return new Map([...wanted].map((id) => [id, notBefores[id] ?? 0]));
    },
  };
  return { keycloak, reads, paged, notBefores };
}

const ids = (count: number, prefix = 'u') => new Set(Array.from({ length: count }, (_, i) => `${prefix}${i}`));
const none = new Set<string>();

describe('UserNotBefores', () => {
  it("pages the realm's users when that takes fewer calls than one per new holder (a first build), and reads one by one after", async () => {
    // 1,500 users: 2 pages (+1 for the count) against 300 single reads.
    const { keycloak, reads, paged } = fakeKeycloak({ u7: 99 }, 1_500);
    const cache = new UserNotBefores(keycloak, { sweepBuilds: 20, minRefreshPerBuild: 5 });
    expect(await cache.resolve('r', ids(300), none)).toEqual(new Map([['u7', 99]]));
    expect(paged).toHaveLength(1);
    expect(paged[0]).toHaveLength(300);
    expect(reads).toEqual([]);
    // The next build renews 10 (300 ÷ 20 = 15, at most 10 a build), one call each.
    await cache.resolve('r', ids(300), none);
    expect(paged).toHaveLength(1);
    expect(reads).toHaveLength(10);
  });

  it('renews one user at a time, so a warm build makes the same calls however many users hold no session', async () => {
    const warmBuildReads = async (realmUsers: number) => {
      const { keycloak, reads, paged } = fakeKeycloak({}, realmUsers);
      let now = 0;
      const cache = new UserNotBefores(keycloak, { sweepBuilds: 2, minRefreshPerBuild: 5, maxRefreshPerBuild: 40, now: () => (now += 1) });
      await cache.resolve('r', ids(100), none);
      reads.length = 0;
      paged.length = 0;
      await cache.resolve('r', ids(100), none);
      return { reads: reads.length, paged: paged.length };
    };
    // 100 holders ÷ 2 builds = 50 wanted, capped at 40: paging 1,000 users (2 calls) would be cheaper, but depends on the realm.
    expect(await warmBuildReads(1_000)).toEqual({ reads: 40, paged: 0 });
    expect(await warmBuildReads(101_000)).toEqual({ reads: 40, paged: 0 });
  });

  it('reads one by one when the realm has more pages than new holders', async () => {
    const { keycloak, reads, paged } = fakeKeycloak({}, 1_000_000);
    await new UserNotBefores(keycloak).resolve('r', ids(300), none);
    expect(paged).toEqual([]);
    expect(reads).toHaveLength(300);
  });

  it('reads each offline holder once, then only a slice of the oldest per build', async () => {
    const { keycloak, reads } = fakeKeycloak({ u3: 42 });
    let now = 0;
    const cache = new UserNotBefores(keycloak, { sweepBuilds: 10, minRefreshPerBuild: 5, now: () => (now += 1) });
    const first = await cache.resolve('r', ids(100), none);
    expect(reads).toHaveLength(100);
    expect(first).toEqual(new Map([['u3', 42]]));

    reads.length = 0;
    await cache.resolve('r', ids(100), none);
    // 100 remembered ÷ 10 builds: the 10 read longest ago.
    expect(reads).toHaveLength(10);
    reads.length = 0;
    await cache.resolve('r', ids(100), none);
    expect(reads).toHaveLength(10);
  });

  it('renews every remembered value within the sweep, oldest first', async () => {
    const { keycloak, reads } = fakeKeycloak();
    let now = 0;
    const cache = new UserNotBefores(keycloak, { sweepBuilds: 4, minRefreshPerBuild: 1, now: () => (now += 1) });
    await cache.resolve('r', ids(8), none);
    reads.length = 0;
    for (let build = 0; build < 4; build += 1) await cache.resolve('r', ids(8), none);
    expect(reads.sort()).toEqual([...ids(8)].sort());
  });

  it('reads a user again when all their regular sessions ended since the last build (a logout outside the console)', async () => {
    const { keycloak, reads, notBefores } = fakeKeycloak();
    const cache = new UserNotBefores(keycloak, { sweepBuilds: Number.POSITIVE_INFINITY, minRefreshPerBuild: 0 });
    const offline = new Set(['ann', 'ben']);
    await cache.resolve('r', offline, new Set(['ann', 'ben']));
    reads.length = 0;
    notBefores['ann'] = 77;
    // ann's regular sessions are gone; ben keeps his.
    const after = await cache.resolve('r', offline, new Set(['ben']));
    expect(reads).toEqual(['ann']);
    expect(after).toEqual(new Map([['ann', 77]]));
  });

  it('forgets users without offline sessions and reads them again if they come back', async () => {
    const { keycloak, reads } = fakeKeycloak({ ann: 5 });
    const cache = new UserNotBefores(keycloak, { sweepBuilds: Number.POSITIVE_INFINITY, minRefreshPerBuild: 0 });
    await cache.resolve('r', new Set(['ann']), none);
    expect(await cache.resolve('r', none, none)).toEqual(new Map());
    reads.length = 0;
    expect(await cache.resolve('r', new Set(['ann']), none)).toEqual(new Map([['ann', 5]]));
    expect(reads).toEqual(['ann']);
  });

  it('keeps realms apart', async () => {
    const { keycloak, reads } = fakeKeycloak();
    const cache = new UserNotBefores(keycloak, { sweepBuilds: Number.POSITIVE_INFINITY, minRefreshPerBuild: 0 });
    await cache.resolve('a', new Set(['ann']), none);
    await cache.resolve('b', new Set(['ann']), none);
    expect(reads).toEqual(['ann', 'ann']);
  });

  it('reads nothing for users whose not-befores came with a build another instance published, and keeps newer reads', async () => {
    const { keycloak, reads } = fakeKeycloak({ ann: 9 });
    let now = 1_000;
    const builder = new UserNotBefores(keycloak, { sweepBuilds: Number.POSITIVE_INFINITY, minRefreshPerBuild: 0, now: () => now });
    await builder.resolve('r', new Set(['ann', 'ben']), none);
    const other = new UserNotBefores(keycloak, { sweepBuilds: Number.POSITIVE_INFINITY, minRefreshPerBuild: 0, now: () => now });
    now = 2_000;
    other.remember('r', builder.known('r'), 1_000);
    reads.length = 0;
    expect(await other.resolve('r', new Set(['ann', 'ben']), none)).toEqual(new Map([['ann', 9]]));
    expect(reads).toEqual([]);
    // A value this instance read later than the published build is kept.
    other.remember('r', [['ann', 1]], 500);
    expect(await other.resolve('r', new Set(['ann']), none)).toEqual(new Map([['ann', 9]]));
  });
});
