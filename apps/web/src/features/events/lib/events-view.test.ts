import { describe, expect, it } from 'vitest';
import { adminEventsParams, applyEventsViewChange, defaultEventsView, loginEventsParams, readEventsView, writeEventsView } from './events-view';
import { localDayToIso } from '@/lib/local-day';

describe('events view in the URL', () => {
  it('reads the login tab filters and paging', () => {
    const view = readEventsView(new URLSearchParams('type=LOGIN_ERROR&user=u-1&client=demo-portal&ip=10.0.0.7&from=2026-03-01&to=2026-03-02&first=50&max=25'));
    expect(view).toMatchObject({ tab: 'login', type: 'LOGIN_ERROR', user: 'u-1', client: 'demo-portal', ip: '10.0.0.7', from: '2026-03-01', to: '2026-03-02', first: 50, max: 25 });
  });

  it('reads only the admin tab’s own filters on that tab', () => {
    const view = readEventsView(new URLSearchParams('tab=admin&operation=DELETE&resourceType=USER_SESSION&type=LOGIN'));
    expect(view).toMatchObject({ tab: 'admin', operation: 'DELETE', resourceType: 'USER_SESSION', type: '' });
    expect(writeEventsView(view).toString()).toBe('tab=admin&operation=DELETE&resourceType=USER_SESSION');
  });

  it('starts another tab unfiltered, and a changed filter on the first page', () => {
    const onPage2 = { ...defaultEventsView, type: 'LOGIN', first: 50 };
    expect(applyEventsViewChange(onPage2, { tab: 'admin' })).toEqual({ ...defaultEventsView, tab: 'admin' });
    expect(applyEventsViewChange(onPage2, { client: 'demo-mail' }).first).toBe(0);
    expect(applyEventsViewChange(onPage2, { first: 100 }).first).toBe(100);
  });

  it('leaves out filters the API would refuse, and says why', () => {
    const view = { ...defaultEventsView, type: 'login', ip: 'not-an-ip', client: 'demo-portal', from: '2026-03-02', to: '2026-03-01' };
    const { params, rejected } = loginEventsParams(view);
    // The day starts at local midnight: an instant with the browser's offset, not a bare (UTC) date.
    expect(params).toEqual({ client: 'demo-portal', from: localDayToIso('2026-03-02', 'start'), first: 0, max: 50 });
    expect(Date.parse(params.from ?? '')).toBe(new Date(2026, 2, 2, 0, 0, 0, 0).getTime());
    expect(rejected.map((entry) => entry.key)).toEqual(['type', 'ip', 'to']);
    expect(rejected[1]?.problem).toBe('must be an IP address');

    expect(adminEventsParams({ ...defaultEventsView, tab: 'admin', operation: 'PATCH' }).rejected[0]?.key).toBe('operation');
  });
});
