import { describe, expect, it } from 'vitest';
import { mockFetch } from '@/testing/fetch-mock';
import { userDetailFixture } from '@/testing/fixtures';
import { getUser } from './get-user';
import { logoutUser } from './logout-user';
import { searchUsers, searchUsersQueryOptions } from './search-users';

describe('users API', () => {
  it('GETs a user search with the trimmed, encoded query', async () => {
    const fetchMock = mockFetch({ 'GET /api/realms/demo/users': { json: { items: [], more: false } } });

    await searchUsers('demo', ' alice martin&co ');

    const url = new URL(fetchMock.requests[0]?.path ?? '', 'http://localhost');
    expect(url.pathname).toBe('/api/realms/demo/users');
    expect(url.searchParams.get('q')).toBe('alice martin&co');
    expect(fetchMock.requests[0]?.method).toBe('GET');
  });

  it('does not search for nothing', () => {
    expect(searchUsersQueryOptions('demo', '   ').enabled).toBe(false);
    expect(searchUsersQueryOptions('demo', 'al').enabled).toBe(true);
  });

  it('GETs one user by id', async () => {
    const fetchMock = mockFetch({ 'GET /api/realms/demo/users/f%3Aldap%3A42': { json: userDetailFixture() } });

    const detail = await getUser('demo', 'f:ldap:42');

    expect(detail.user.username).toBe('alice.martin');
    expect(fetchMock.requests[0]?.path).toBe('/api/realms/demo/users/f%3Aldap%3A42?first=0&max=100&offlineFirst=0&offlineMax=100');
  });

  it('POSTs a logout with the reason, includeOffline and X-CSRF', async () => {
    const fetchMock = mockFetch({
      'POST /api/realms/demo/users/user-alice/logout': {
        json: { userId: 'user-alice', username: 'alice.martin', endedRegular: 3, endedOffline: 1, offlineClients: ['demo-mail'] },
      },
    });

    const result = await logoutUser({ realm: 'demo', userId: 'user-alice', reason: 'Account compromised', includeOffline: true });

    expect(result.endedRegular).toBe(3);
    const [request] = fetchMock.calls('POST /api/realms/demo/users/user-alice/logout');
    expect(request?.headers.get('X-CSRF')).toBe('1');
    expect(request?.body).toEqual({ reason: 'Account compromised', includeOffline: true });
  });
});
