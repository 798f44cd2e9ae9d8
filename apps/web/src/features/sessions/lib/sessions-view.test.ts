import { describe, expect, it } from 'vitest';
import {
  applySessionsViewChange,
  defaultSessionsView,
  nextSort,
  readSessionsView,
  sessionsSearchForOtherRealm,
  writeSessionsView,
} from './sessions-view';

describe('sessions view in the URL', () => {
  it('reads every setting from the query string', () => {
    const view = readSessionsView(new URLSearchParams('q=alice&client=demo-portal&type=offline&sort=started:asc&first=50&max=25'));
    expect(view).toEqual({ q: 'alice', client: 'demo-portal', type: 'offline', country: '', network: '', sort: 'started:asc', first: 50, max: 25 });
  });

  it('keeps the country and network filters in the URL, back to the first page when they change', () => {
    const view = readSessionsView(new URLSearchParams('country=DE&network=telekom&first=50'));
    expect(view).toMatchObject({ country: 'DE', network: 'telekom', first: 50 });
    expect(writeSessionsView({ ...defaultSessionsView, country: 'private', network: 'AS15169' }).toString()).toBe('country=private&network=AS15169');
    expect(applySessionsViewChange(view, { country: 'FR' }).first).toBe(0);
    expect(applySessionsViewChange(view, { network: 'google' }).first).toBe(0);
    expect(sessionsSearchForOtherRealm(new URLSearchParams('country=DE&client=demo-mail'))).toBe('?country=DE');
  });

  it('falls back to defaults for nonsense instead of breaking', () => {
    const view = readSessionsView(new URLSearchParams('type=both&sort=ip:asc&first=-3&max=7'));
    expect(view).toEqual(defaultSessionsView);
  });

  it('writes only what differs from the defaults', () => {
    expect(writeSessionsView(defaultSessionsView).toString()).toBe('');
    expect(writeSessionsView({ ...defaultSessionsView, q: 'bob', max: 100 }).toString()).toBe('q=bob&max=100');
  });

  it('goes back to the first page when what is listed changes, not when paging', () => {
    const onPage3 = { ...defaultSessionsView, first: 100 };
    expect(applySessionsViewChange(onPage3, { q: 'x' }).first).toBe(0);
    expect(applySessionsViewChange(onPage3, { sort: 'started:desc' }).first).toBe(0);
    expect(applySessionsViewChange(onPage3, { first: 150 }).first).toBe(150);
    expect(applySessionsViewChange(onPage3, { q: '' }).first).toBe(100);
  });

  it('flips the sort of the current column and starts others at their natural direction', () => {
    expect(nextSort('lastAccess:desc', 'lastAccess')).toBe('lastAccess:asc');
    expect(nextSort('lastAccess:asc', 'started')).toBe('started:desc');
    expect(nextSort('lastAccess:desc', 'username')).toBe('username:asc');
  });

  it('keeps search, type, sort and size but not client and page when switching realm', () => {
    expect(sessionsSearchForOtherRealm(new URLSearchParams('q=al&client=demo-portal&type=offline&first=50&max=25'))).toBe(
      '?q=al&type=offline&max=25',
    );
  });
});
