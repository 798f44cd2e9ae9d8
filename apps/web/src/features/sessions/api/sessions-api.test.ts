import { describe, expect, it } from 'vitest';
import { ApiClientError } from '@/lib/api-client';
import { mockFetch } from '@/testing/fetch-mock';
import { clientStatsFixture, sessionListFixture } from '@/testing/fixtures';
import { endSession } from './end-session';
import { getClientStats } from './get-client-stats';
import { getSessions, sessionsQueryOptions } from './get-sessions';

const ended = { ended: true, sessionId: 'sess-1', userId: 'user-alice', username: 'alice.martin', type: 'offline' };

describe('sessions API', () => {
  it('GETs one page of a realm with search, filters, paging and sort in the query string', async () => {
    const fetchMock = mockFetch({ 'GET /api/realms/demo/sessions': { json: sessionListFixture([]) } });

    await getSessions({ realm: 'demo', q: '  alice ', client: 'demo-portal', type: 'offline', first: 50, max: 25, sort: 'started:asc' });

    const [request] = fetchMock.requests;
    const url = new URL(request?.path ?? '', 'http://localhost');
    expect(request?.method).toBe('GET');
    expect(url.pathname).toBe('/api/realms/demo/sessions');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      q: 'alice',
      client: 'demo-portal',
      type: 'offline',
      first: '50',
      max: '25',
      sort: 'started:asc',
    });
    expect(request?.headers.has('X-CSRF')).toBe(false);
  });

  it('leaves out empty search and filters', async () => {
    const fetchMock = mockFetch({ 'GET /api/realms/demo/sessions': { json: sessionListFixture([]) } });

    await getSessions({ realm: 'demo', q: ' ', client: '', first: 0, max: 50, sort: 'lastAccess:desc' });

    const url = new URL(fetchMock.requests[0]?.path ?? '', 'http://localhost');
    expect([...url.searchParams.keys()]).toEqual(['first', 'max', 'sort']);
  });

  it('polls only while the tab is visible and keeps rows only within the same realm', () => {
    const options = sessionsQueryOptions({ realm: 'demo', first: 0, max: 50, sort: 'lastAccess:desc' });
    const interval = options.refetchInterval as (query: { state: { error: unknown } }) => number | false;
    expect(interval({ state: { error: null } })).toBe(5_000);
    // A realm that is not managed answers 404 every time: no point asking again; Keycloak down (503) recovers.
    expect(interval({ state: { error: new ApiClientError({ status: 404, code: 'not_found', message: 'no such realm' }) } })).toBe(false);
    expect(interval({ state: { error: new ApiClientError({ status: 503, code: 'keycloak_unavailable', message: 'down' }) } })).toBe(5_000);
    expect(options.refetchIntervalInBackground).toBe(false);

    const previous = sessionListFixture([]);
    const placeholder = options.placeholderData as (data: unknown, query: { queryKey: readonly unknown[] } | undefined) => unknown;
    expect(placeholder(previous, { queryKey: ['realm', 'demo', 'sessions', {}] })).toBe(previous);
    expect(placeholder(previous, { queryKey: ['realm', 'partners', 'sessions', {}] })).toBeUndefined();
  });

  it('GETs the client stats of a realm', async () => {
    const fetchMock = mockFetch({ 'GET /api/realms/demo/clients/stats': { json: clientStatsFixture() } });

    await expect(getClientStats('demo')).resolves.toEqual(clientStatsFixture());
    expect(fetchMock.calls('GET /api/realms/demo/clients/stats')).toHaveLength(1);
  });

  it('DELETEs a session with ?offline, the reason and user id in the body, and X-CSRF', async () => {
    const fetchMock = mockFetch({ 'DELETE /api/realms/demo/sessions/sess-1?offline=true': { json: ended } });

    const result = await endSession({ realm: 'demo', sessionId: 'sess-1', offline: true, reason: 'Laptop stolen', userId: 'user-alice' });

    expect(result.username).toBe('alice.martin');
    const [request] = fetchMock.calls('DELETE /api/realms/demo/sessions/sess-1?offline=true');
    expect(request?.headers.get('X-CSRF')).toBe('1');
    expect(request?.headers.get('Content-Type')).toBe('application/json');
    expect(request?.body).toEqual({ reason: 'Laptop stolen', userId: 'user-alice' });
  });

  it('sends offline=false for a regular session and encodes path segments', async () => {
    const fetchMock = mockFetch({});

    await endSession({ realm: 'demo', sessionId: 'a/b', offline: false, reason: 'abc' }).catch(() => undefined);

    expect(fetchMock.requests[0]?.path).toBe('/api/realms/demo/sessions/a%2Fb?offline=false');
    expect(fetchMock.requests[0]?.body).toEqual({ reason: 'abc' });
  });
});
