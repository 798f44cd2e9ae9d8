import { describe, expect, it, vi } from 'vitest';
import { sessionListQuerySchema } from '@session-desk/contracts';
import { HttpError } from '../http/errors.js';
import type { KeycloakSessions } from '../keycloak/sessions-api.js';
import { RealmSnapshots } from './realm-snapshots.js';

/** A stand-in for the Keycloak module, for this unit only: counts how often the realm is scanned. */
function fakeKeycloak() {
  const state = { scans: 0, sessions: [{ id: 's1', userId: 'u1', username: 'ann', clients: { c1: 'portal' }, start: 1, lastAccess: 2 }] };
  const keycloak = {
    clientStats: async () => {
      state.scans += 1;
      return [{ id: 'c1', clientId: 'portal', active: state.sessions.length, offline: 0 }, { id: 'c2', clientId: 'idle', active: 0, offline: 0 }];
    },
    userContact: async () => ({ username: 'ann', email: 'ann@example.org', fullName: 'Ann Lee' }),
    clientSessions: async () => state.sessions,
    realmNotBefore: async () => 0,
    allClientNotBefores: async () => new Map<string, number>(),
    userNotBefore: async () => 0,
  } as unknown as KeycloakSessions;
  return { keycloak, state };
}

const all = sessionListQuerySchema.parse({});

/** Makes each build read the sessions as they are when it begins, and finish only once the returned `release` is called. */
function holdBuilds(keycloak: KeycloakSessions, state: ReturnType<typeof fakeKeycloak>['state']): () => void {
  let release = () => undefined as void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const readStats = keycloak.clientStats.bind(keycloak);
  const seen = new Map<number, typeof state.sessions>();
  Object.assign(keycloak, {
    clientStats: async (realm: string) => {
      const stats = await readStats(realm);
      seen.set(state.scans, [...state.sessions]);
      await gate;
      return stats;
    },
    clientSessions: async () => seen.get(state.scans) ?? state.sessions,
  });
  return () => release();
}

describe('RealmSnapshots', () => {
  it('builds once and serves pages from memory while fresh', async () => {
    const { keycloak, state } = fakeKeycloak();
    let now = 1_000;
    const snapshots = new RealmSnapshots(keycloak, { ttlMs: 10_000, now: () => now });
    const first = await snapshots.list('demo', all);
    expect(first.items[0]).toMatchObject({ id: 's1', email: 'ann@example.org', clients: [{ id: 'c1', clientId: 'portal' }] });
    now += 5_000;
    const second = await snapshots.list('demo', all);
    expect(second.snapshot.ageSeconds).toBe(5);
    expect(state.scans).toBe(1);
  });

  it('serves a stale snapshot at once and rebuilds in the background', async () => {
    const { keycloak, state } = fakeKeycloak();
    let now = 0;
    const snapshots = new RealmSnapshots(keycloak, { ttlMs: 1_000, now: () => now });
    await snapshots.list('demo', all);
    state.sessions = [...state.sessions, { id: 's2', userId: 'u1', username: 'ann', clients: { c1: 'portal' }, start: 3, lastAccess: 4 }];
    now = 5_000;
    const stale = await snapshots.list('demo', all);
    expect(stale.total).toBe(1);
    expect(stale.snapshot.refreshing).toBe(true);
    await snapshots.refresh('demo');
    expect((await snapshots.list('demo', all)).total).toBe(2);
  });

  it('says in every list that its last rebuild failed (when, and why) until one works again, while it goes on serving the snapshot it has', async () => {
    const { keycloak } = fakeKeycloak();
    let now = 0;
    const snapshots = new RealmSnapshots(keycloak, { ttlMs: 1_000, now: () => now });
    expect((await snapshots.list('demo', all)).snapshot.refreshFailed).toBeNull();
    const readStats = keycloak.clientStats.bind(keycloak);
    Object.assign(keycloak, { clientStats: () => Promise.reject(new HttpError(503, 'keycloak_unavailable', 'Keycloak cannot be reached right now.')) });
    now = 5_000;
    await snapshots.list('demo', all);
    await expect(snapshots.refresh('demo')).rejects.toThrow('Keycloak cannot be reached');
    const stale = await snapshots.list('demo', all);
    expect(stale.total).toBe(1);
    expect(stale.snapshot.refreshFailed).toEqual({ at: new Date(5_000).toISOString(), message: 'Keycloak cannot be reached right now.' });
    expect(JSON.parse((await snapshots.listText('demo', all)).text).snapshot.refreshFailed).toEqual(stale.snapshot.refreshFailed);

    Object.assign(keycloak, { clientStats: readStats });
    now = 10_000;
    await snapshots.refresh('demo');
    expect((await snapshots.list('demo', all)).snapshot.refreshFailed).toBeNull();
  });

  it('rebuilds once to find a session newer than the snapshot, and forgets ended ones', async () => {
    const { keycloak, state } = fakeKeycloak();
    const snapshots = new RealmSnapshots(keycloak, { ttlMs: 60_000 });
    await snapshots.list('demo', all);
    state.sessions = [...state.sessions, { id: 's3', userId: 'u1', username: 'ann', clients: { c1: 'portal' }, start: 3, lastAccess: 4 }];
    expect((await snapshots.find('demo', 's3'))?.id).toBe('s3');
    expect(state.scans).toBe(2);
    snapshots.forget('demo', (row) => row.id === 's3');
    expect((await snapshots.list('demo', all)).items.map((row) => row.id)).toEqual(['s1']);
  });

  it('a refresh asked during a build that began earlier waits for it, then builds again, so it holds sessions made in between', async () => {
    const { keycloak, state } = fakeKeycloak();
    let now = 1_000;
    const snapshots = new RealmSnapshots(keycloak, { ttlMs: 60_000, now: () => now });
    await snapshots.list('demo', all);
    const listed = state.sessions;
    const release = holdBuilds(keycloak, state);
    const earlier = snapshots.refresh('demo');
    await vi.waitFor(() => expect(state.scans).toBe(2));
    now += 1;
    state.sessions = [...listed, { id: 's4', userId: 'u1', username: 'ann', clients: { c1: 'portal' }, start: 5, lastAccess: 6 }];
    const later = snapshots.refresh('demo');
    release();
    expect((await earlier).index.find('s4')).toBeUndefined();
    expect((await later).index.find('s4')?.id).toBe('s4');
    expect(state.scans).toBe(3);
  });

  it('a lookup during a build that began before the session existed still finds it, by one more build', async () => {
    const { keycloak, state } = fakeKeycloak();
    const snapshots = new RealmSnapshots(keycloak, { ttlMs: 60_000 });
    await snapshots.list('demo', all);
    const listed = state.sessions;
    const release = holdBuilds(keycloak, state);
    const under = snapshots.refresh('demo');
    await vi.waitFor(() => expect(state.scans).toBe(2));
    state.sessions = [...listed, { id: 's5', userId: 'u1', username: 'ann', clients: { c1: 'portal' }, start: 5, lastAccess: 6 }];
    const found = snapshots.find('demo', 's5');
    release();
    await under;
    expect((await found)?.id).toBe('s5');
    expect(state.scans).toBe(3);
  });

  it('shares one build between concurrent first requests', async () => {
    const { keycloak, state } = fakeKeycloak();
    const snapshots = new RealmSnapshots(keycloak, { ttlMs: 60_000 });
    await Promise.all(Array.from({ length: 10 }, () => snapshots.list('demo', all)));
    expect(state.scans).toBe(1);
  });

  it('a first list that outwaits its build answers 503 snapshot_building; the build goes on, and a later list is served from it', async () => {
    const { keycloak, state } = fakeKeycloak();
    const release = holdBuilds(keycloak, state);
    const snapshots = new RealmSnapshots(keycloak, { ttlMs: 60_000, firstBuildWaitMs: 50 });
    await expect(snapshots.list('demo', all)).rejects.toMatchObject({ status: 503, code: 'snapshot_building', headers: { 'Retry-After': '5' } });
    // Asked again while the build is still under way: the same build, the same answer.
    await expect(snapshots.list('demo', all)).rejects.toMatchObject({ code: 'snapshot_building' });
    release();
    const list = await snapshots.list('demo', all);
    expect(list.items.map((row) => row.id)).toEqual(['s1']);
    expect(state.scans).toBe(1);
  });

  it("marks offline sessions started before their user's not-before as revoked, reading only those users", async () => {
    const { keycloak } = fakeKeycloak();
    const asked: string[] = [];
    const offline = [
      { id: 'o1', userId: 'u2', username: 'bob', clients: { c1: 'portal' }, start: 1_000, lastAccess: 2_000 },
      { id: 'o2', userId: 'u3', username: 'cat', clients: { c1: 'portal' }, start: 1_000, lastAccess: 2_000 },
    ];
    Object.assign(keycloak, {
      clientStats: async () => [{ id: 'c1', clientId: 'portal', active: 1, offline: 2 }],
      clientSessions: async (_realm: string, _client: string, type: string) =>
        type === 'offline' ? offline : [{ id: 's1', userId: 'u1', username: 'ann', clients: { c1: 'portal' }, start: 1_000, lastAccess: 2_000 }],
      // bob was logged out at 3 s (after his session's last use), cat never.
      userNotBefore: async (_realm: string, userId: string) => {
        asked.push(userId);
        return userId === 'u2' ? 3 : 0;
      },
    });
    const list = await new RealmSnapshots(keycloak, { ttlMs: 60_000 }).list('demo', all);
    expect(Object.fromEntries(list.items.map((row) => [row.id, row.revoked ?? null]))).toEqual({
      s1: null,
      o1: { by: 'user', at: new Date(3_000).toISOString() },
      o2: null,
    });
    expect(asked.sort()).toEqual(['u2', 'u3']);
  });

  it("reads users' details and offline holders' not-befores side by side, not one after the other", async () => {
    const { keycloak } = fakeKeycloak();
    const started: string[] = [];
    let releaseContact = () => undefined as void;
    const contactGate = new Promise<void>((resolve) => (releaseContact = resolve));
    Object.assign(keycloak, {
      clientStats: async () => [{ id: 'c1', clientId: 'portal', active: 1, offline: 1 }],
      clientSessions: async (_realm: string, _client: string, type: string) => [
        { id: type === 'offline' ? 'o1' : 's1', userId: 'u1', username: 'ann', clients: { c1: 'portal' }, start: 1_000, lastAccess: 2_000 },
      ],
      userContact: async () => {
        started.push('contact');
        await contactGate;
        return { username: 'ann', email: 'ann@example.org', fullName: 'Ann Lee' };
      },
      userNotBefore: async () => {
        started.push('notBefore');
        // The not-before read starts while the details read is still held.
        releaseContact();
        return 0;
      },
    });
    const list = await new RealmSnapshots(keycloak, { ttlMs: 60_000 }).list('demo', all);
    expect(started).toEqual(['contact', 'notBefore']);
    expect(list.items.map((row) => row.email)).toEqual(['ann@example.org', 'ann@example.org']);
  });
});
