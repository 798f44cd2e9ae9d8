import type { Role } from '@session-desk/contracts';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockFetch, type MockReply } from '@/testing/fetch-mock';
import { auditRecordFixture, operatorFixture, realmsFixture, userDetailFixture } from '@/testing/fixtures';
import { renderApp } from '@/testing/test-utils';

const USER_PATH = 'GET /api/realms/demo/users/user-alice';

function setup(role: Role, routes: Record<string, MockReply | MockReply[]> = {}) {
  const fetchMock = mockFetch({
    'GET /api/me': { json: operatorFixture(role) },
    'GET /api/realms': { json: realmsFixture() },
    [USER_PATH]: { json: userDetailFixture() },
    'GET /api/audit': { json: { items: [], nextCursor: null, total: 0 } },
    ...routes,
  });
  return { ...renderApp('/realms/demo/users/user-alice'), fetchMock };
}

const regionRows = (name: RegExp) =>
  within(screen.getByRole('region', { name })).queryAllByTestId('user-session-row').map((row) => row.dataset.sessionId);

describe('User page', () => {
  it('shows who the user is and their sessions grouped regular / offline', async () => {
    setup('auditor');

    expect(await screen.findByRole('heading', { name: 'Alice Martin' })).toBeTruthy();
    // The page is headed with the username (the card with the full name), and so is the tab.
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('alice.martin');
    await waitFor(() => expect(document.title).toMatch(/^alice\.martin · demo · /));
    const profile = screen.getByRole('region', { name: 'Alice Martin' });
    expect(profile.textContent).toContain('alice.martin');
    expect(profile.textContent).toContain('alice.martin@example.test');
    expect(within(profile).getByText('Enabled')).toBeTruthy();
    expect(within(profile).queryByText('Administrator of Session Desk')).toBeNull();
    expect(within(profile).getByText('Created').nextElementSibling?.querySelector('time')?.getAttribute('dateTime')).toBe(
      '2024-03-01T08:00:00.000Z',
    );
    expect(regionRows(/^Regular sessions/)).toEqual(['sess-alice-0001', 'sess-alice-0002']);
    expect(regionRows(/^Offline sessions/)).toEqual(['sess-alice-0003']);
    expect(within(screen.getByRole('region', { name: /^Regular sessions/ })).getAllByText('demo-portal')).toHaveLength(2);
  });

  it("shows the countries and networks of the user's live sessions and of their ended ones from the trail", async () => {
    const detail = userDetailFixture({
      locations: { countries: [{ code: 'GB', name: 'United Kingdom', sessions: 2 }], networks: [{ asn: 2818, name: 'BBC', sessions: 2 }], privateNetwork: 1 },
      endedLocations: {
        countries: [{ code: 'DE', name: 'Germany', sessions: 3 }],
        networks: [{ asn: 6724, name: 'Strato AG', sessions: 3 }],
        privateNetwork: 0,
        records: 5,
        withoutAddress: 2,
      },
    });
    setup('auditor', { [USER_PATH]: { json: detail } });

    expect((await screen.findByTestId('user-countries')).textContent).toBe('United Kingdom (GB) ×2, Private network ×1');
    expect(screen.getByTestId('user-networks').textContent).toBe('BBC (AS2818) ×2');
    expect(screen.getByTestId('user-ended-countries').textContent).toBe('Germany (DE) ×3');
    expect(screen.getByTestId('user-ended-networks').textContent).toBe('Strato AG (AS6724) ×3');
    expect(screen.getByTestId('user-ended-unknown').textContent).toBe('2 of 5 ended in the trail before addresses were recorded');
    expect(screen.getByText('Ended sessions’ countries')).toBeTruthy();
  });

  it('says "none" for ended sessions when the trail has none', async () => {
    const none = { countries: [], networks: [], privateNetwork: 0, records: 0, withoutAddress: 0 };
    setup('auditor', { [USER_PATH]: { json: userDetailFixture({ endedLocations: none }) } });
    expect((await screen.findByTestId('user-ended-countries')).textContent).toBe('none');
    expect(screen.queryByTestId('user-ended-unknown')).toBeNull();
  });

  it('shows no actions to an auditor even when the user could be acted on', async () => {
    setup('auditor');
    await screen.findByRole('heading', { name: 'Alice Martin' });

    expect(screen.queryByRole('button', { name: /^End session/ })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Log out everywhere' })).toBeNull();
  });

  it('offers "End session" per row and "Log out everywhere" when allowed', async () => {
    setup('helpdesk');

    await waitFor(() => expect(screen.getAllByRole('button', { name: /^End session of alice.martin from / })).toHaveLength(3));
    expect(screen.getByRole('button', { name: 'Log out everywhere' })).toBeTruthy();
    expect(screen.queryByTestId('user-refusal')).toBeNull();
  });

  it('shows the refusal calmly and no action controls when the server refuses', async () => {
    const refusal = 'alice.martin is an administrator of Session Desk: help desk may not end her sessions.';
    const detail = userDetailFixture({ allowedActions: { endSession: false, logout: false, refusal } });
    detail.user.isConsoleAdmin = true;
    setup('helpdesk', { [USER_PATH]: { json: detail } });

    expect((await screen.findByTestId('user-refusal')).textContent).toContain(refusal);
    expect(screen.getByText('Administrator of Session Desk')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /^End session/ })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Log out everywhere' })).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('says offline sessions stop working either way; removes them only when ticked; refreshes the page', async () => {
    const { fetchMock } = setup('helpdesk', {
      'POST /api/realms/demo/users/user-alice/logout': {
        json: { userId: 'user-alice', username: 'alice.martin', endedRegular: 2, endedOffline: 1, offlineClients: ['demo-mail'] },
      },
    });
    const trigger = await screen.findByRole('button', { name: 'Log out everywhere' });
    fireEvent.click(trigger);
    const dialog = screen.getByRole('dialog', { name: 'Log out everywhere' });
    const checkbox = within(dialog).getByRole('checkbox', { name: 'Also remove offline sessions' }) as HTMLInputElement;

    expect(checkbox.checked).toBe(false);
    // Keycloak's logout moves the user's not-before: the offline tokens stop working whatever the box says.
    expect(within(dialog).getByTestId('logout-summary').textContent).toBe('Log out alice.martin everywhere: 2 sessions and 1 offline session');
    expect(within(dialog).getByTestId('logout-consequence').textContent).toContain('offline tokens included');
    expect(within(dialog).getByTestId('logout-consequence').textContent).toContain('stay listed, marked revoked');
    expect(within(dialog).queryByText(/left alone/)).toBeNull();
    fireEvent.click(checkbox);
    expect(within(dialog).getByTestId('logout-consequence').textContent).toContain('removed and the apps’ offline access revoked');
    fireEvent.change(within(dialog).getByLabelText('Reason'), { target: { value: 'Account compromised' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Log out everywhere' }));

    expect((await screen.findByRole('status')).textContent).toContain(
      'Logged out alice.martin: 2 sessions ended, 1 offline session ended',
    );
    expect(fetchMock.calls('POST /api/realms/demo/users/user-alice/logout')[0]?.body).toEqual({
      reason: 'Account compromised',
      includeOffline: true,
    });
    await waitFor(() => expect(fetchMock.calls(USER_PATH)).toHaveLength(2));
    // "Log out everywhere" is about to be disabled (nothing left to end): focus goes to the user's name, not <body>.
    expect(trigger).not.toBe(document.activeElement);
    expect(document.activeElement).toBe(document.getElementById('user-heading'));
  });

  it('reports offline sessions left in place as revoked, and shows revoked sessions with why and when', async () => {
    const detail = userDetailFixture();
    const revokedOffline = { ...detail.offlineSessions[0]!, revoked: { by: 'user' as const, at: '2030-01-01T10:00:00.000Z' } };
    setup('helpdesk', {
      [USER_PATH]: { json: { ...detail, offlineSessions: [revokedOffline] } },
      'POST /api/realms/demo/users/user-alice/logout': {
        json: { userId: 'user-alice', username: 'alice.martin', endedRegular: 2, endedOffline: 0, revokedOffline: 1, offlineClients: [] },
      },
    });
    const offline = await screen.findByRole('region', { name: /^Offline sessions/ });
    expect(within(offline).getByTestId('session-revoked').textContent).toContain('the user was logged out everywhere');
    expect(within(screen.getByRole('region', { name: /^Regular sessions/ })).queryByTestId('session-revoked')).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Log out everywhere' }));
    const dialog = screen.getByRole('dialog', { name: 'Log out everywhere' });
    fireEvent.change(within(dialog).getByLabelText('Reason'), { target: { value: 'Account compromised' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Log out everywhere' }));
    expect((await screen.findByRole('status')).textContent).toContain('2 sessions ended, 1 offline session revoked');
  });

  it('pages a user with thousands of sessions', async () => {
    const detail = userDetailFixture();
    const { fetchMock } = setup('auditor', {
      [USER_PATH]: { json: { ...detail, sessionsTotal: 5_000, page: { ...detail.page, max: 100 } } },
    });
    const regular = await screen.findByRole('region', { name: /^Regular sessions \(5,000\)/ });
    expect(within(regular).getByTestId('sessions-range').textContent).toBe('1–100 of 5,000 regular sessions');
    fireEvent.click(within(regular).getByRole('button', { name: 'Next' }));
    await waitFor(() =>
      expect(fetchMock.requests.map((request) => request.path)).toContain(
        '/api/realms/demo/users/user-alice?first=100&max=100&offlineFirst=0&offlineMax=100',
      ),
    );
  });

  it('ends one offline session with the user id and the offline flag', async () => {
    const { fetchMock } = setup('helpdesk', {
      'DELETE /api/realms/demo/sessions/sess-alice-0003?offline=true': {
        json: { ended: true, sessionId: 'sess-alice-0003', userId: 'user-alice', username: 'alice.martin', type: 'offline' },
      },
    });
    await screen.findByRole('heading', { name: 'Alice Martin' });
    const offline = screen.getByRole('region', { name: /^Offline sessions/ });
    fireEvent.click(await within(offline).findByRole('button', { name: /^End session of alice.martin/ }));

    const dialog = screen.getByRole('dialog', { name: 'End offline session' });
    expect(dialog.textContent).toContain("End alice.martin's offline session from 10.0.0.7 on demo-mail");
    fireEvent.change(within(dialog).getByLabelText('Reason'), { target: { value: 'Lost tablet' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'End session' }));

    expect((await screen.findByRole('status')).textContent).toContain("Ended alice.martin's offline session");
    expect(fetchMock.calls('DELETE /api/realms/demo/sessions/sess-alice-0003?offline=true')[0]?.body).toEqual({
      reason: 'Lost tablet',
      userId: 'user-alice',
    });
    await waitFor(() => expect(fetchMock.calls(USER_PATH)).toHaveLength(2));
  });

  it('says so when the user does not exist', async () => {
    setup('auditor', { [USER_PATH]: { status: 404, json: { error: 'not_found', message: 'No such user' } } });

    expect(await screen.findByText('This user does not exist')).toBeTruthy();
  });
});

describe('User page history', () => {
  const auditQueries = (fetchMock: ReturnType<typeof mockFetch>) =>
    fetchMock.requests
      .filter((request) => request.path.startsWith('/api/audit'))
      .map((request) => Object.fromEntries(new URL(request.path, 'http://localhost').searchParams));

  it('lists past actions on this user: when, by whom, what, why and the outcome', async () => {
    const refused = auditRecordFixture({ seq: 3, outcome: 'refused', error: 'Outside office hours.', reason: 'User asked' });
    const { fetchMock } = setup('auditor', { 'GET /api/audit': { json: { items: [auditRecordFixture(), refused], nextCursor: null, total: 2 } } });

    const history = await screen.findByRole('region', { name: 'History' });
    const rows = await within(history).findAllByTestId('audit-row');
    expect(auditQueries(fetchMock)[0]).toEqual({ user: 'user-alice', realm: 'demo', limit: '20' });
    expect(rows.map((row) => row.dataset.seq)).toEqual(['7', '3']);
    expect(rows[0]?.querySelector('time')).toBeTruthy();
    expect(rows[0]?.textContent).toContain('hal.helpdesk');
    expect(rows[0]?.textContent).toContain('Ended a session');
    expect(rows[0]?.textContent).toContain('Laptop stolen, ticket HD-1234');
    expect(rows[0]?.textContent).toContain('Succeeded');
    expect(rows[1]?.textContent).toContain('Outside office hours.');
    expect(within(history).getByRole('link', { name: 'Open in the audit trail' }).getAttribute('href')).toBe('/audit?user=user-alice&realm=demo');
  });

  it('tells help-desk it shows their own actions, and says when there are none', async () => {
    setup('helpdesk');

    const history = await screen.findByRole('region', { name: 'History' });
    expect(history.textContent).toContain('What you did to this user');
    expect(await within(history).findByText('You have not acted on this user yet.')).toBeTruthy();
  });

  it('is left out, and not asked for, without an audit permission', async () => {
    const { fetchMock } = setup('auditor', {
      'GET /api/me': { json: operatorFixture('auditor', { permissions: ['users:read', 'sessions:read'] }) },
    });

    await screen.findByRole('heading', { name: 'Alice Martin' });
    expect(screen.queryByRole('region', { name: 'History' })).toBeNull();
    expect(auditQueries(fetchMock)).toHaveLength(0);
  });
});
