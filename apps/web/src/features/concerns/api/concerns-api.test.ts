import { concernSettingsDefaults, type ConcernSettingsResponse } from '@session-desk/contracts';
import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { queryKeys } from '@/lib/query-keys';
import { mockFetch } from '@/testing/fetch-mock';
import { getConcernCount } from './get-concern-count';
import { concernsQueryOptions, getConcerns } from './get-concerns';
import { getConcernSettings } from './get-concern-settings';
import { invalidateAfterSettingsSaved, updateConcernSettings } from './update-concern-settings';

const byRule = { 'many-countries': 0, 'too-many-sessions': 1, 'new-country': 0, 'idle-offline': 0, 'old-session': 0 };
const settingsResponse: ConcernSettingsResponse = {
  realm: 'demo',
  settings: concernSettingsDefaults,
  defaults: concernSettingsDefaults,
  updatedAt: null,
  updatedBy: null,
};

describe('concerns API', () => {
  it('GETs the cases of a realm, optionally of one rule, without X-CSRF', async () => {
    const list = { realm: 'demo', items: [], byRule, settings: concernSettingsDefaults, evaluatedAt: '2030-01-01T10:00:00.000Z', snapshot: { builtAt: '2030-01-01T10:00:00.000Z', ageSeconds: 1, refreshing: false, buildMs: 5 } };
    const fetchMock = mockFetch({ 'GET /api/realms/de%20mo/concerns': { json: { ...list, realm: 'de mo' } } });

    await getConcerns('de mo');
    await getConcerns('de mo', 'old-session');

    expect(fetchMock.requests.map((request) => request.path)).toEqual(['/api/realms/de%20mo/concerns', '/api/realms/de%20mo/concerns?rule=old-session']);
    expect(fetchMock.requests[0]?.headers.has('X-CSRF')).toBe(false);
  });

  it("the realm's whole list sets the badge's count to its own (the badge refetches once a minute); one rule's list leaves it", async () => {
    const item = (user: string) => ({ rule: 'too-many-sessions', userId: user, username: user, reason: '6 live sessions (limit 5)', sessions: [] });
    const list = { realm: 'demo', items: [item('u1'), item('u2')], byRule: { ...byRule, 'too-many-sessions': 2 }, settings: concernSettingsDefaults, evaluatedAt: '2030-01-01T10:00:00.000Z', snapshot: { builtAt: '2030-01-01T10:00:00.000Z', ageSeconds: 1, refreshing: false, buildMs: 5 } };
    mockFetch({ 'GET /api/realms/demo/concerns': { json: list }, 'GET /api/realms/demo/concerns?rule=old-session': { json: { ...list, items: [] } } });
    const client = new QueryClient();
    client.setQueryData(queryKeys.concernCount('demo'), { realm: 'demo', count: 0, byRule: { ...byRule, 'too-many-sessions': 0 } });

    await client.fetchQuery(concernsQueryOptions('demo', 'old-session'));
    expect(client.getQueryData(queryKeys.concernCount('demo'))).toMatchObject({ count: 0 });
    await client.fetchQuery(concernsQueryOptions('demo'));
    expect(client.getQueryData(queryKeys.concernCount('demo'))).toEqual({ realm: 'demo', count: 2, byRule: list.byRule });
  });

  it('GETs the count for the badge and the settings', async () => {
    const fetchMock = mockFetch({
      'GET /api/realms/demo/concerns/count': { json: { realm: 'demo', count: 1, byRule } },
      'GET /api/realms/demo/concerns/settings': { json: settingsResponse },
    });

    await expect(getConcernCount('demo')).resolves.toMatchObject({ count: 1 });
    await expect(getConcernSettings('demo')).resolves.toEqual(settingsResponse);
    expect(fetchMock.requests).toHaveLength(2);
  });

  it('PUTs the settings with the reason and X-CSRF', async () => {
    const fetchMock = mockFetch({ 'PUT /api/realms/demo/concerns/settings': { json: settingsResponse } });
    const settings = { ...concernSettingsDefaults, 'new-country': { enabled: false } };

    await updateConcernSettings({ realm: 'demo', reason: 'Too noisy for travellers', settings });

    const [request] = fetchMock.requests;
    expect(request?.method).toBe('PUT');
    expect(request?.headers.get('X-CSRF')).toBe('1');
    expect(request?.body).toEqual({ reason: 'Too noisy for travellers', settings });
  });

  it("saving the rules invalidates the realm's cases and count and the audit trail, and nothing else", async () => {
    const client = new QueryClient();
    const keys = [
      queryKeys.concernList('demo', undefined),
      queryKeys.concernCount('demo'),
      queryKeys.concernCount('partners'),
      queryKeys.auditList({}),
      queryKeys.sessionList('demo', {}),
      queryKeys.clientStats('demo'),
      queryKeys.concernSettings('demo'),
    ];
    for (const key of keys) client.setQueryData(key, { cached: true });

    await invalidateAfterSettingsSaved(client, 'demo');

    const invalidated = keys.filter((key) => client.getQueryState(key)?.isInvalidated).map((key) => key.join('/'));
    expect(invalidated).toEqual(['realm/demo/concerns/list/all', 'realm/demo/concerns/count', 'audit/list/[object Object]']);
  });
});
