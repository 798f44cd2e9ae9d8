import type { Role, SessionListResponse } from '@session-desk/contracts';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatDateTime } from '@/lib/format';
import { mockFetch, type MockReply } from '@/testing/fetch-mock';
import {
  bobSessionFixture,
  clientStatsFixture,
  FIXTURE_NOW,
  operatorFixture,
  realmsFixture,
  sessionFixture,
  sessionListFixture,
} from '@/testing/fixtures';
import { renderApp, type MemoryUrl } from '@/testing/test-utils';

const alice = sessionFixture();
const bob = bobSessionFixture({ rememberMe: true });

function setup(role: Role, path = '/realms/demo/sessions', routes: Record<string, MockReply | MockReply[]> = {}) {
  const fetchMock = mockFetch({
    'GET /api/me': { json: operatorFixture(role) },
    'GET /api/realms': { json: realmsFixture() },
    'GET /api/realms/demo/sessions': { json: sessionListFixture([alice, bob]) },
    'GET /api/realms/demo/clients/stats': { json: clientStatsFixture() },
    ...routes,
  });
  const view = renderApp(path);
  return { ...view, fetchMock };
}

function sessionRequests(fetchMock: ReturnType<typeof mockFetch>) {
  return fetchMock.requests
    .filter((request) => request.path.startsWith('/api/realms/demo/sessions?'))
    .map((request) => Object.fromEntries(new URL(request.path, 'http://localhost').searchParams));
}

const rows = () => screen.getAllByTestId('session-row');
const search = (url: MemoryUrl) =>
  Object.fromEntries(new URLSearchParams(url.search));

afterEach(() => vi.useRealTimers());

describe('Sessions page', () => {
  it('lists the realm’s sessions with user, IP, times, clients and type, without a Remember-me column (it widened the table past its frame)', async () => {
    setup('auditor');

    const table = await screen.findByTestId('sessions-table');
    expect(within(table).getByText('Sessions in demo, sorted by last access, newest first', { selector: 'caption' })).toBeTruthy();
    expect(rows().map((row) => row.getAttribute('data-session-id'))).toEqual(['sess-alice-0001', 'sess-bob-0001']);

    const [aliceRow, bobRow] = rows() as [HTMLElement, HTMLElement];
    expect(within(aliceRow).getByRole('link', { name: 'alice.martin' }).getAttribute('href')).toBe('/realms/demo/users/user-alice');
    expect(aliceRow.textContent).toContain('alice.martin@example.test');
    expect(aliceRow.textContent).toContain('10.0.0.7');
    expect(within(aliceRow).getAllByRole('listitem').map((chip) => chip.textContent)).toEqual(['demo-portal', 'demo-mail']);
    expect(aliceRow.textContent).toContain('Regular');
    expect(bobRow.textContent).toContain('Offline');
    expect(within(table).queryByRole('columnheader', { name: /remember me/i })).toBeNull();
    expect(screen.getByTestId('sessions-range').textContent).toBe('Showing 1–2 of 2');
  });

  it('shows relative times with the exact time on hover, and the snapshot age', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(FIXTURE_NOW);
    setup('auditor', '/realms/demo/sessions', {
      'GET /api/realms/demo/sessions': { json: sessionListFixture([alice], { snapshot: { builtAt: '2030-01-01T09:59:56.000Z', ageSeconds: 4, refreshing: true, buildMs: 80, refreshFailed: null } }) },
    });

    const [row] = await screen.findAllByTestId('session-row');
    const lastAccess = within(row as HTMLElement).getByText('3 min. ago');
    expect(lastAccess.tagName).toBe('TIME');
    expect(lastAccess.getAttribute('dateTime')).toBe(alice.lastAccess);
    expect(lastAccess.getAttribute('title')).toBe(formatDateTime(alice.lastAccess));
    expect(screen.getByTestId('snapshot-age').textContent).toBe('Realm snapshot from 4 sec. agorefreshing…');
  });

  it('reads search, filters, sort and page from the URL and asks the API for exactly that', async () => {
    const { fetchMock } = setup(
      'auditor',
      '/realms/demo/sessions?q=alice&client=demo-portal&type=offline&sort=started:asc&first=50&max=25',
      { 'GET /api/realms/demo/sessions': { json: sessionListFixture([alice, bob], { total: 120, first: 50, max: 25 }) } },
    );

    await screen.findByTestId('sessions-table');
    expect(sessionRequests(fetchMock)[0]).toEqual({
      q: 'alice',
      client: 'demo-portal',
      type: 'offline',
      first: '50',
      max: '25',
      sort: 'started:asc',
    });
    expect((screen.getByRole('searchbox', { name: 'Search sessions' }) as HTMLInputElement).value).toBe('alice');
    expect((screen.getByLabelText('Client') as HTMLSelectElement).value).toBe('demo-portal');
    expect((screen.getByLabelText('Type') as HTMLSelectElement).value).toBe('offline');
    expect((screen.getByLabelText('Rows per page') as HTMLSelectElement).value).toBe('25');
    expect(screen.getByRole('columnheader', { name: 'Started' }).getAttribute('aria-sort')).toBe('ascending');
    expect(screen.getByRole('columnheader', { name: 'Last access' }).hasAttribute('aria-sort')).toBe(false);
    expect(screen.getByTestId('sessions-range').textContent).toBe('Showing 51–52 of 120');
  });

  it('writes search (debounced), filters, sort and page to the URL', async () => {
    const { url, fetchMock } = setup('auditor', '/realms/demo/sessions', {
      'GET /api/realms/demo/sessions': { json: sessionListFixture([alice, bob], { total: 120 }) },
    });
    await screen.findByTestId('sessions-table');

    fireEvent.click(screen.getByRole('button', { name: 'Next page' }));
    expect(search(url)).toEqual({ first: '50' });

    fireEvent.click(screen.getByRole('button', { name: 'Started' }));
    expect(search(url)).toEqual({ sort: 'started:desc' });
    expect(screen.getByRole('columnheader', { name: 'Started' }).getAttribute('aria-sort')).toBe('descending');
    fireEvent.click(screen.getByRole('button', { name: 'Started' }));
    expect(search(url)).toEqual({ sort: 'started:asc' });

    fireEvent.change(screen.getByLabelText('Client'), { target: { value: 'demo-mail' } });
    fireEvent.change(screen.getByLabelText('Type'), { target: { value: 'regular' } });
    fireEvent.change(screen.getByLabelText('Rows per page'), { target: { value: '100' } });
    expect(search(url)).toEqual({ sort: 'started:asc', client: 'demo-mail', type: 'regular', max: '100' });

    fireEvent.change(screen.getByRole('searchbox', { name: 'Search sessions' }), { target: { value: 'bob' } });
    expect(search(url).q).toBeUndefined(); // not on every keystroke
    await waitFor(() => expect(search(url).q).toBe('bob'));
    await waitFor(() =>
      expect(sessionRequests(fetchMock)).toContainEqual({
        q: 'bob',
        client: 'demo-mail',
        type: 'regular',
        first: '0',
        max: '100',
        sort: 'started:asc',
      }),
    );
  });

  it('follows the URL when it changes from elsewhere (back button)', async () => {
    const { url } = setup('auditor', '/realms/demo/sessions?q=alice');
    await screen.findByTestId('sessions-table');

    await url.navigate('/realms/demo/sessions?q=bob');

    await waitFor(() => expect((screen.getByRole('searchbox', { name: 'Search sessions' }) as HTMLInputElement).value).toBe('bob'));
  });

  it('offers the client filter from the client stats with their counts', async () => {
    setup('auditor');
    await screen.findByTestId('sessions-table');

    const options = await waitFor(() => {
      const found = within(screen.getByLabelText('Client')).getAllByRole('option');
      expect(found).toHaveLength(3);
      return found;
    });
    expect(options.map((option) => option.textContent)).toEqual([
      'All clients',
      'demo-mail (4 active, 2 offline)',
      'demo-portal (12 active)',
    ]);
  });

  it('shows no action controls to an auditor', async () => {
    setup('auditor');
    await screen.findByTestId('sessions-table');

    expect(screen.queryByRole('button', { name: /^End session/ })).toBeNull();
    expect(screen.queryByRole('columnheader', { name: 'Actions' })).toBeNull();
  });

  it('shows a named "End" button per row to help desk', async () => {
    setup('helpdesk');
    await screen.findByTestId('sessions-table');

    await waitFor(() => expect(screen.getAllByRole('button', { name: /^End session of / })).toHaveLength(2));
    expect(within(rows()[0] as HTMLElement).getByRole('button', { name: 'End session of alice.martin' }).textContent).toBe('End');
  });

  it('counts revoked sessions in the heading, and the End dialog of a revoked one says no one has to sign in again', async () => {
    const revokedAt = '2026-11-25T11:30:00.000Z';
    const revokedBob = { ...bob, revoked: { by: 'user' as const, at: revokedAt } };
    setup('helpdesk', '/realms/demo/sessions', { 'GET /api/realms/demo/sessions': { json: sessionListFixture([alice, revokedBob]) } });
    await screen.findByTestId('sessions-table');

    expect(screen.getByRole('heading', { name: /^2 sessions/ }).textContent).toBe('2 sessions · 1 revoked (listed by Keycloak, tokens refused)');
    expect(within(rows()[1] as HTMLElement).getByTestId('session-revoked').textContent).toContain(formatDateTime(revokedAt));

    fireEvent.click(within(rows()[1] as HTMLElement).getByRole('button', { name: 'End session of bob.stone' }));
    const dialog = await screen.findByRole('dialog');
    expect(dialog.textContent).toContain(`Keycloak already refuses this session’s tokens (since ${formatDateTime(revokedAt)})`);
    expect(dialog.textContent).not.toContain('will have to ask bob.stone to sign in again');
  });

  it('hides actions in a realm where the realm list does not grant them', async () => {
    setup('helpdesk', '/realms/demo/sessions', {
      'GET /api/realms': {
        json: realmsFixture({
          realms: [
            { name: 'demo', isDefault: true, permissions: ['sessions:read'] },
            { name: 'partners', isDefault: false, permissions: ['sessions:read', 'sessions:end'] },
          ],
        }),
      },
    });
    await screen.findByTestId('sessions-table');
    // The realm list has arrived once the switcher offers a choice.
    await waitFor(() => expect((screen.getByLabelText('Realm') as HTMLSelectElement).disabled).toBe(false));

    expect(screen.queryByRole('button', { name: /^End session of / })).toBeNull();
  });

  it('sends /sessions to the default realm, keeping the query string', async () => {
    const { url } = setup('auditor', '/sessions?q=alice');

    await screen.findByTestId('sessions-table');
    expect(url.pathname).toBe('/realms/demo/sessions');
    expect(url.search).toBe('?q=alice');
  });

  it('switches realm from the header, keeping the search but not the client filter', async () => {
    const { url } = setup('auditor', '/realms/demo/sessions?q=al&client=demo-portal', {
      'GET /api/realms/partners/sessions': { json: sessionListFixture([]) },
      'GET /api/realms/partners/clients/stats': { json: { clients: [] } },
    });
    await screen.findByTestId('sessions-table');
    const realm = screen.getByLabelText('Realm') as HTMLSelectElement;
    await waitFor(() => expect(realm.disabled).toBe(false));

    fireEvent.change(realm, { target: { value: 'partners' } });

    await waitFor(() => expect(url.pathname).toBe('/realms/partners/sessions'));
    expect(url.search).toBe('?q=al');
    expect(await screen.findByText('No sessions match “al”')).toBeTruthy();
  });

  it('explains an empty result and clears the filters', async () => {
    const { url } = setup('auditor', '/realms/demo/sessions?q=zzz&type=offline&sort=started:asc', {
      'GET /api/realms/demo/sessions': { json: sessionListFixture([]) },
    });

    expect(await screen.findByText('No offline sessions match “zzz”')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Clear filters' }));

    expect(search(url)).toEqual({ sort: 'started:asc' });
    await waitFor(() => expect((screen.getByRole('searchbox', { name: 'Search sessions' }) as HTMLInputElement).value).toBe(''));
  });

  it('says when nobody is signed in at all', async () => {
    setup('auditor', '/realms/demo/sessions', { 'GET /api/realms/demo/sessions': { json: sessionListFixture([]) } });

    expect(await screen.findByText('No one is signed in to demo right now')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Clear filters' })).toBeNull();
  });

  it('shows a loading skeleton, then an error panel in plain words with a retry', async () => {
    const unavailable = { status: 503, json: { error: 'keycloak_unavailable', message: 'down', requestId: 'req-1' } };
    setup('auditor', '/realms/demo/sessions', { 'GET /api/realms/demo/sessions': unavailable });

    expect(await screen.findByText('Loading sessions…')).toBeTruthy();
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The sessions could not be loaded');
    expect(alert.textContent).toContain('Keycloak is not available right now');
    expect(within(alert).getByRole('button', { name: 'Try again' })).toBeTruthy();
    expect(screen.queryByTestId('sessions-table')).toBeNull();
  });

  it("says the list is not up to date when the BFF's last rebuild failed (Keycloak down), and still shows the snapshot it has", async () => {
    const stale = sessionListFixture([alice, bob], {
      snapshot: {
        builtAt: '2026-12-02T06:00:00.000Z',
        ageSeconds: 90,
        refreshing: false,
        buildMs: 120,
        refreshFailed: { at: '2026-12-02T06:01:20.000Z', message: 'Keycloak cannot be reached right now. Try again in a moment.' },
      },
    });
    setup('auditor', '/realms/demo/sessions', { 'GET /api/realms/demo/sessions': { json: stale } });

    const notice = await screen.findByTestId('snapshot-refresh-failed');
    expect(notice.textContent).toContain('This list is not up to date');
    expect(notice.textContent).toContain('Keycloak cannot be reached right now.');
    expect(notice.textContent).toContain(formatDateTime('2026-12-02T06:00:00.000Z'));
    expect(screen.getAllByTestId('session-row')).toHaveLength(2);
  });

  it('renders a 404 for a realm name that cannot exist', async () => {
    const { fetchMock } = setup('auditor', '/realms/..%2Fmaster/sessions');

    expect(await screen.findByRole('heading', { name: 'Page not found' })).toBeTruthy();
    expect(fetchMock.requests.some((request) => request.path.includes('/sessions?'))).toBe(false);
  });
});

describe('Ending a session from the Sessions page', () => {
  const ended = { ended: true, sessionId: alice.id, userId: alice.userId, username: alice.username, type: 'regular' };
  const deleteRoute = `DELETE /api/realms/demo/sessions/${alice.id}?offline=false`;

  async function openEndDialog(routes: Record<string, MockReply | MockReply[]>) {
    const afterEnd: SessionListResponse = sessionListFixture([bob]);
    const view = setup('helpdesk', '/realms/demo/sessions', {
      'GET /api/realms/demo/sessions': [{ json: sessionListFixture([alice, bob]) }, { json: afterEnd }],
      ...routes,
    });
    const trigger = await screen.findByRole('button', { name: 'End session of alice.martin' });
    fireEvent.click(trigger);
    const dialog = screen.getByRole('dialog', { name: 'End session' });
    return { ...view, trigger, dialog };
  }

  it('names exactly what will end, asks for a reason, ends it, says so and refreshes the list', async () => {
    const { fetchMock, dialog } = await openEndDialog({ [deleteRoute]: { json: ended } });
    await waitFor(() => expect(fetchMock.calls('GET /api/realms/demo/clients/stats')).toHaveLength(1));
    const listCallsBefore = sessionRequests(fetchMock).length;

    expect(within(dialog).getByTestId('end-session-summary').textContent).toBe(
      "End alice.martin's session from 10.0.0.7 on demo-portal, demo-mail",
    );
    const confirm = within(dialog).getByRole('button', { name: 'End session' }) as HTMLButtonElement;
    expect(confirm.disabled).toBe(true);
    fireEvent.change(within(dialog).getByLabelText('Reason'), { target: { value: 'Phone stolen, HD-42' } });
    fireEvent.click(confirm);

    expect((await screen.findByRole('status')).textContent).toContain("Ended alice.martin's session");
    expect(screen.queryByRole('dialog')).toBeNull();
    const [request] = fetchMock.calls(deleteRoute);
    expect(request?.body).toEqual({ reason: 'Phone stolen, HD-42', userId: 'user-alice' });
    expect(request?.headers.get('X-CSRF')).toBe('1');

    await waitFor(() => expect(screen.getAllByTestId('session-row').map((row) => row.dataset.sessionId)).toEqual(['sess-bob-0001']));
    expect(sessionRequests(fetchMock).length).toBeGreaterThan(listCallsBefore);
    await waitFor(() => expect(fetchMock.calls('GET /api/realms/demo/clients/stats')).toHaveLength(2));
  });

  it('says when the session was already gone, and refreshes', async () => {
    const { fetchMock } = await openEndDialog({
      [deleteRoute]: { status: 404, json: { error: 'not_found', message: 'No such session' } },
    });

    fireEvent.change(screen.getByLabelText('Reason'), { target: { value: 'Phone stolen' } });
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'End session' }));

    expect((await screen.findByRole('status')).textContent).toContain("alice.martin's session had already ended");
    expect(screen.queryByRole('dialog')).toBeNull();
    await waitFor(() => expect(screen.getAllByTestId('session-row')).toHaveLength(1));
    expect(fetchMock.calls('GET /api/realms/demo/clients/stats').length).toBeGreaterThanOrEqual(1);
  });

  it('shows a policy refusal inline, keeps the reason and changes nothing', async () => {
    const { fetchMock } = await openEndDialog({
      [deleteRoute]: { status: 403, json: { error: 'forbidden', message: 'Help desk may not end sessions of administrators.' } },
    });
    const listCalls = sessionRequests(fetchMock).length;

    fireEvent.change(screen.getByLabelText('Reason'), { target: { value: 'Phone stolen' } });
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'End session' }));

    const alert = await within(screen.getByRole('dialog')).findByRole('alert');
    expect(alert.textContent).toContain('Help desk may not end sessions of administrators.');
    expect((screen.getByLabelText('Reason') as HTMLTextAreaElement).value).toBe('Phone stolen');
    expect(screen.queryByRole('status')).toBeNull();
    expect(sessionRequests(fetchMock)).toHaveLength(listCalls);
  });

  it('returns focus to the row’s button when cancelled', async () => {
    const { trigger } = await openEndDialog({});

    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));

    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(trigger);
  });
});
