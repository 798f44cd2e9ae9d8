import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { queryKeys } from '@/lib/query-keys';
import { mockFetch } from '@/testing/fetch-mock';
import { logoutRealm } from './logout-realm';
import { invalidateAfterTokensRevoked, revokeRealmTokens } from './revoke-realm-tokens';

const result = (action: 'logout-all' | 'revoke-tokens') => ({ realm: 'demo', action, notBefore: null, pushedTo: [], pushFailedFor: [] });

describe('realm actions API', () => {
  it('POSTs logout-all with the reason, the typed realm name and X-CSRF', async () => {
    const fetchMock = mockFetch({ 'POST /api/realms/demo/logout-all': { json: result('logout-all') } });

    await expect(logoutRealm({ realm: 'demo', reason: 'Breach drill', confirmRealm: 'demo' })).resolves.toMatchObject({ action: 'logout-all' });

    const [request] = fetchMock.calls('POST /api/realms/demo/logout-all');
    expect(request?.headers.get('X-CSRF')).toBe('1');
    expect(request?.body).toEqual({ reason: 'Breach drill', confirmRealm: 'demo' });
  });

  it('POSTs revoke-tokens the same way', async () => {
    const fetchMock = mockFetch({
      'POST /api/realms/demo/revoke-tokens': { json: { ...result('revoke-tokens'), notBefore: '2030-01-01T10:00:00.000Z', pushedTo: ['demo-portal'] } },
    });

    const answer = await revokeRealmTokens({ realm: 'demo', reason: 'Signing key leaked', confirmRealm: 'demo' });

    expect(answer.pushedTo).toEqual(['demo-portal']);
    expect(fetchMock.requests[0]?.method).toBe('POST');
    expect(fetchMock.requests[0]?.headers.get('X-CSRF')).toBe('1');
    expect(fetchMock.requests[0]?.body).toEqual({ reason: 'Signing key leaked', confirmRealm: 'demo' });
  });

  it("revoking the realm's tokens invalidates its session lists (now marked revoked), its sessions of concern and the audit trail, and nothing else", async () => {
    const client = new QueryClient();
    const keys = [
      queryKeys.sessionList('demo', {}),
      queryKeys.concernCount('demo'),
      queryKeys.auditList({}),
      queryKeys.sessionList('partners', {}),
      queryKeys.clientStats('demo'),
    ];
    for (const key of keys) client.setQueryData(key, { cached: true });

    await invalidateAfterTokensRevoked(client, 'demo');

    const invalidated = keys.filter((key) => client.getQueryState(key)?.isInvalidated).map((key) => key.join('/'));
    expect(invalidated).toEqual([queryKeys.sessionList('demo', {}).join('/'), queryKeys.concernCount('demo').join('/'), queryKeys.auditList({}).join('/')]);
  });
});
