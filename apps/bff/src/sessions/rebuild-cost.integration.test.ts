import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionListQuerySchema } from '@session-desk/contracts';
import { createTestApp } from '../testing/test-app.js';
import { ThrowawayRealm } from '../testing/throwaway-named-realm.js';
import { adminCallCount } from '../testing/admin-calls.js';

const CLIENTS = ['cost-portal', 'cost-mail'];
const SIGNED_IN = 12;
/** Users holding an offline session, more than the not-befores renewed per build (5). */
const OFFLINE = 30;
const NOT_BEFORES_RENEWED_PER_BUILD = 5;
/** More than one page of Keycloak's user listing (1,000), so paging every user would cost more calls. */
const WITHOUT_SESSIONS = 1_200;

type TestApp = ReturnType<typeof createTestApp>;

/** One snapshot rebuild of `realm`, and the Admin API calls it made (read from the gateway's call counter). */
async function rebuild(test: TestApp, realm: string): Promise<{ calls: number; snapshot: Awaited<ReturnType<TestApp['snapshots']['refresh']>> }> {
  const before = await adminCallCount();
  const snapshot = await test.snapshots.refresh(realm);
  return { calls: (await adminCallCount()) - before, snapshot };
}

const rebuildCalls = async (test: TestApp, realm: string) => (await rebuild(test, realm)).calls;

describe('a snapshot rebuild costs calls for sessions, not for the realm\'s users', { timeout: 120_000 }, () => {
  let realm: ThrowawayRealm;
  let test: ReturnType<typeof createTestApp>;

  beforeAll(async () => {
    const users = [
      ...Array.from({ length: SIGNED_IN + 1 }, (_, i) => ({ username: `cost.user${i}`, email: `cost.user${i}@cost.example` })),
      ...Array.from({ length: OFFLINE }, (_, i) => ({ username: `cost.offline${i}`, email: `cost.offline${i}@cost.example` })),
    ];
    realm = await ThrowawayRealm.create({ name: `i13-cost-${Date.now()}`, clients: CLIENTS, users });
    for (let i = 0; i < SIGNED_IN; i += 1) await realm.login(`cost.user${i}`, CLIENTS[i % CLIENTS.length]!);
    for (let i = 0; i < OFFLINE; i += 1) await realm.login(`cost.offline${i}`, CLIENTS[0]!, true);
    test = createTestApp({ MANAGED_REALMS: `demo,${realm.name}`, SNAPSHOT_TTL_SECONDS: '0' });
  }, 120_000);

  afterAll(async () => {
    await realm?.delete();
  });

  it('makes the same calls after 1,200 users without sessions join the realm, and one more per user seen for the first time', async () => {
    // An offline holder logged out through the Admin API: the not-before that revokes their offline session
    // comes from the paged user listing of the first build.
    const [loggedOut] = (await realm.get('users?username=cost.offline0&exact=true')) as Array<{ id: string }>;
    if (!loggedOut) throw new Error('cost.offline0 is missing');
    // Keycloak keeps not-befores in whole seconds: a logout in the second of the login would not revoke it.
    await sleep(1_100);
    await realm.send('POST', `users/${loggedOut.id}/logout`);
    const { calls: first, snapshot } = await rebuild(test, realm.name);
    const offlineRows = snapshot.index.query(sessionListQuerySchema.parse({ type: 'offline', max: 100 })).items;
    expect(offlineRows).toHaveLength(OFFLINE);
    expect(offlineRows.filter((row) => row.revoked).map((row) => [row.username, row.revoked?.by])).toEqual([['cost.offline0', 'user']]);
    const steady = await rebuildCalls(test, realm.name);
    // Client session stats, the realm's and the clients' not-befores, one page per client listing
    // (regular on both clients, offline on one), and a slice of the offline holders' not-befores renewed.
    expect(steady).toBeLessThanOrEqual(3 + CLIENTS.length + 1 + NOT_BEFORES_RENEWED_PER_BUILD);
    // The first build reads every offline holder's not-before and every user's details, each by paging the
    // realm's users when that is fewer calls (here a count and one page each), not one call per user (30 + 42).
    expect(first - steady).toBeLessThanOrEqual(4 + NOT_BEFORES_RENEWED_PER_BUILD);

    await realm.send('POST', 'partialImport', {
      ifResourceExists: 'SKIP',
      users: Array.from({ length: WITHOUT_SESSIONS }, (_, i) => ({ username: `idle.user${i}`, email: `idle.user${i}@cost.example`, enabled: true })),
    });
    // Keycloak's count leaves the service account out.
    expect(await realm.get('users/count')).toBe(SIGNED_IN + 1 + OFFLINE + WITHOUT_SESSIONS);
    expect(await rebuildCalls(test, realm.name)).toBe(steady);

    const newcomer = `cost.user${SIGNED_IN}`;
    await realm.login(newcomer, CLIENTS[0]!);
    expect(await rebuildCalls(test, realm.name)).toBe(steady + 1);
    const { items } = await test.snapshots.list(realm.name, sessionListQuerySchema.parse({ q: newcomer }));
    expect(items.map((row) => ({ username: row.username, email: row.email }))).toEqual([{ username: newcomer, email: `${newcomer}@cost.example` }]);
  });
});
