import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionListQuerySchema } from '@session-desk/contracts';
import { createSessionStore, type SessionStoreHandle } from '../auth/session-store.js';
import { createTestApp, testConfig } from '../testing/test-app.js';
import { ThrowawayRealm } from '../testing/throwaway-named-realm.js';
import { adminCallCount } from '../testing/admin-calls.js';
import { PrivateRedis, requireRedis } from '@session-desk/test-support';

const CLIENTS = ['shared-portal', 'shared-mail', 'shared-shop'];
const USERS = 9;
/** Users holding an offline session: more than the not-befores a build renews (5), so re-reading them all shows. */
const OFFLINE = 15;
const all = sessionListQuerySchema.parse({});

const canRun = requireRedis('the shared snapshot tests');

describe.skipIf(!canRun)('two BFF instances sharing Redis build a realm snapshot once per interval', { timeout: 120_000 }, () => {
  const redis = new PrivateRedis();
  const handles: SessionStoreHandle[] = [];
  let realm: ThrowawayRealm;
  let a: ReturnType<typeof createTestApp>;
  let b: ReturnType<typeof createTestApp>;
  let solo: ReturnType<typeof createTestApp>;

  async function instance(overrides: Record<string, string> = {}): Promise<ReturnType<typeof createTestApp>> {
    const env = { REDIS_URL: redis.url, SESSION_SECRET: 'a-session-secret-shared-by-every-instance', MANAGED_REALMS: `demo,${realm.name}`, ...overrides };
    const handle = await createSessionStore(testConfig(env), pino({ level: 'silent' }));
    handles.push(handle);
    return createTestApp(env, undefined, handle);
  }

  /** The Admin API calls (both instances together) made while `run` runs. */
  async function callsDuring(run: () => Promise<unknown>): Promise<number> {
    const before = await adminCallCount();
    await run();
    return (await adminCallCount()) - before;
  }

  beforeAll(async () => {
    await redis.start();
    const users = [
      ...Array.from({ length: USERS }, (_, i) => ({ username: `shared.user${i}` })),
      ...Array.from({ length: OFFLINE }, (_, i) => ({ username: `shared.offline${i}` })),
    ];
    realm = await ThrowawayRealm.create({ name: `i13-shared-${Date.now()}`, clients: CLIENTS, users });
    for (let i = 0; i < USERS; i += 1) await realm.login(`shared.user${i}`, CLIENTS[i % CLIENTS.length]!);
    for (let i = 0; i < OFFLINE; i += 1) await realm.login(`shared.offline${i}`, CLIENTS[0]!, true);
    a = await instance({ SNAPSHOT_TTL_SECONDS: '2' });
    b = await instance({ SNAPSHOT_TTL_SECONDS: '2' });
    solo = createTestApp({ MANAGED_REALMS: `demo,${realm.name}` });
  }, 120_000);

  afterAll(async () => {
    for (const handle of handles) await handle.close();
    await redis.destroy();
    await realm?.delete();
  });

  it('rebuilding on both at once costs the calls of one rebuild, and both serve the same sessions', async () => {
    // Tokens and user details first, so every measured rebuild costs only its listings.
    await Promise.all([a, b, solo].map((test) => test.snapshots.refresh(realm.name)));
    const one = await callsDuring(() => solo.snapshots.refresh(realm.name));
    expect(one).toBeGreaterThan(0);

    const both = await callsDuring(() => Promise.all([a.snapshots.refresh(realm.name), b.snapshots.refresh(realm.name)]));
    expect(both).toBe(one);
    const [listA, listB] = await Promise.all([a.snapshots.list(realm.name, all), b.snapshots.list(realm.name, all)]);
    expect(listA.total).toBe(USERS + OFFLINE);
    expect(listB.items).toEqual(listA.items);
    expect(listB.snapshot.builtAt).toBe(listA.snapshot.builtAt);
  });

  it('reads through both for five intervals cost at most one rebuild per interval', async () => {
    // Warm, as in the test above (which may not have run first): tokens and user details are not counted.
    await Promise.all([a, b, solo].map((test) => test.snapshots.refresh(realm.name)));
    const one = await callsDuring(() => solo.snapshots.refresh(realm.name));
    const seconds = 10;
    const calls = await callsDuring(async () => {
      const until = Date.now() + seconds * 1000;
      while (Date.now() < until) {
        await Promise.all([a.snapshots.list(realm.name, all), b.snapshots.list(realm.name, all)]);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    });
    // TTL 2 s: at most one rebuild per 2 s (plus the one in flight at the end) for both instances together.
    const intervals = seconds / 2 + 1;
    expect(calls).toBeGreaterThanOrEqual(one);
    expect(calls).toBeLessThanOrEqual(intervals * one);
  });

  it("an instance that loaded another's build then rebuilds at a warm build's cost: the users' details and not-befores came with it", async () => {
    await solo.snapshots.refresh(realm.name);
    const one = await callsDuring(() => solo.snapshots.refresh(realm.name));
    const fresh = await instance({ SNAPSHOT_TTL_SECONDS: '3600' });
    // a takes the build lease first; fresh, asking a moment later, waits for a's build and loads it.
    const building = a.snapshots.refresh(realm.name);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await Promise.all([building, fresh.snapshots.refresh(realm.name)]);
    // Its own next build (a is idle): no user read again, beyond its service-account token.
    expect(await callsDuring(() => fresh.snapshots.refresh(realm.name))).toBeLessThanOrEqual(one + 1);
  });
});
