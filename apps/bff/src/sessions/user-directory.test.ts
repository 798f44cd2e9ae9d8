import { describe, expect, it } from 'vitest';
import type { UserContact } from '../keycloak/sessions-api.js';
import { UserDirectory } from './user-directory.js';

/** A stand-in for the Keycloak module, for this unit only: a realm of `users` users, counting each kind of call. */
function fakeKeycloak(users: number) {
  const calls = { single: 0, pages: 0, counts: 0 };
  const contact = (id: string): UserContact | undefined =>
    Number(id.slice(1)) < users ? { username: `user${id.slice(1)}`, email: `${id}@example.org`, fullName: `Name ${id}` } : undefined;
  const keycloak = {
    userPageSize: 100,
    userContact: async (_realm: string, id: string) => {
      calls.single += 1;
      return contact(id);
    },
    userCount: async () => {
      calls.counts += 1;
      return users;
    },
    userContactsByPaging: async (_realm: string, wanted: ReadonlySet<string>) => {
      calls.pages += Math.ceil(users / 100);
      return new Map([...wanted].flatMap((id) => {
        const found = contact(id);
        return found ? [[id, found] as const] : [];
      }));
    },
  };
  return { keycloak, calls };
}

const withSessions = (ids: number[]) => new Map(ids.map((i) => [`u${i}`, `user${i}`]));

describe('UserDirectory', () => {
  it('reads no user whose details came with a build another instance published, and keeps newer reads', async () => {
    const { keycloak, calls } = fakeKeycloak(100);
    let now = 1_000;
    const directory = new UserDirectory(keycloak, { now: () => now });
    await directory.resolve('r', withSessions([1]));
    expect(calls.single).toBe(1);
    const published = new Map([
      ['u1', { username: 'user1', email: 'old@example.org', fullName: 'Old' }],
      ['u2', { username: 'user2', email: 'u2@example.org', fullName: 'Name u2' }],
    ]);
    now = 2_000;
    directory.remember('r', published, 500);
    const resolved = await directory.resolve('r', withSessions([1, 2]));
    expect(calls.single).toBe(1);
    expect(resolved.get('u1')?.email).toBe('u1@example.org');
    expect(resolved.get('u2')).toEqual({ username: 'user2', email: 'u2@example.org', fullName: 'Name u2' });
  });

  it('reads each user with sessions once, and nothing for users seen before', async () => {
    const { keycloak, calls } = fakeKeycloak(100_000);
    const directory = new UserDirectory(keycloak);
    const first = await directory.resolve('r', withSessions([1, 2, 3]));
    expect(first.get('u2')).toEqual({ username: 'user2', email: 'u2@example.org', fullName: 'Name u2' });
    expect(calls).toEqual({ single: 3, pages: 0, counts: 0 });
    await directory.resolve('r', withSessions([1, 2, 3, 4]));
    expect(calls).toEqual({ single: 4, pages: 0, counts: 0 });
  });

  it('pages the realm instead when more users are new than it has pages', async () => {
    const { keycloak, calls } = fakeKeycloak(1_000);
    const directory = new UserDirectory(keycloak);
    const ids = Array.from({ length: 500 }, (_, i) => i);
    const resolved = await directory.resolve('r', withSessions(ids));
    expect(resolved.size).toBe(500);
    expect(calls).toEqual({ single: 0, pages: 10, counts: 1 });
    expect(directory.size('r')).toBe(500);
  });

  it('reads one by one when the realm is larger than the new users are many', async () => {
    const { keycloak, calls } = fakeKeycloak(1_000_000);
    const directory = new UserDirectory(keycloak);
    await directory.resolve('r', withSessions(Array.from({ length: 50 }, (_, i) => i)));
    expect(calls).toEqual({ single: 50, pages: 0, counts: 1 });
  });

  it('re-reads a renamed user, refreshes a few stale users per build, and forgets users without sessions', async () => {
    const { keycloak, calls } = fakeKeycloak(100);
    let now = 0;
    const directory = new UserDirectory(keycloak, { refreshMs: 1_000, refreshPerBuild: 2, forgetMs: 5_000, now: () => now });
    await directory.resolve('r', withSessions([1, 2, 3, 4, 5]));
    expect(calls.single).toBe(5);
    await directory.resolve('r', new Map([['u1', 'renamed']]));
    expect(calls.single).toBe(6);
    now = 2_000;
    await directory.resolve('r', withSessions([2, 3, 4, 5]));
    expect(calls.single).toBe(8);
    now = 8_000;
    await directory.resolve('r', withSessions([2]));
    expect(directory.size('r')).toBe(1);
  });

  it('keeps the listed username for a user Keycloak no longer has', async () => {
    const { keycloak } = fakeKeycloak(10);
    const resolved = await new UserDirectory(keycloak).resolve('r', new Map([['u50', 'gone.user']]));
    expect(resolved.get('u50')).toEqual({ username: 'gone.user', email: null, fullName: '' });
  });
});
