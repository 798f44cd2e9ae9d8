import type { AdminEventsResponse, LoginEventsResponse } from '@session-desk/contracts';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockFetch, type MockReply } from '@/testing/fetch-mock';
import { operatorFixture, realmsFixture } from '@/testing/fixtures';
import { renderApp } from '@/testing/test-utils';

const login = (overrides: Partial<LoginEventsResponse> = {}): LoginEventsResponse => ({
  enabled: true,
  items: [
    {
      time: '2030-01-01T09:58:00.000Z',
      type: 'LOGIN',
      userId: 'user-alice',
      username: 'alice.martin',
      ipAddress: '10.0.0.7',
      clientId: 'demo-portal',
      sessionId: 'sess-alice-0001',
      error: null,
      details: { auth_method: 'openid-connect' },
    },
    {
      time: '2030-01-01T09:57:00.000Z',
      type: 'LOGIN_ERROR',
      userId: null,
      username: null,
      ipAddress: '10.0.0.9',
      clientId: 'demo-portal',
      sessionId: null,
      error: 'invalid_user_credentials',
      details: {},
    },
  ],
  first: 0,
  max: 50,
  more: false,
  ...overrides,
});

const admin = (overrides: Partial<AdminEventsResponse> = {}): AdminEventsResponse => ({
  enabled: true,
  items: [
    {
      time: '2030-01-01T09:59:00.000Z',
      operationType: 'DELETE',
      resourceType: 'USER_SESSION',
      resourcePath: 'sessions/sess-alice-0001',
      authUserId: 'service-account-id',
      authClientId: 'session-desk-service',
      authIpAddress: '127.0.0.1',
      error: null,
    },
  ],
  first: 0,
  max: 50,
  more: false,
  ...overrides,
});

function setup(path: string, routes: Record<string, MockReply | MockReply[]> = {}) {
  const fetchMock = mockFetch({
    'GET /api/me': { json: operatorFixture('auditor') },
    'GET /api/realms': { json: realmsFixture() },
    'GET /api/realms/demo/events': { json: login() },
    'GET /api/realms/demo/admin-events': { json: admin() },
    ...routes,
  });
  return { ...renderApp(path), fetchMock };
}

const query = (fetchMock: ReturnType<typeof mockFetch>, prefix: string) =>
  fetchMock.requests
    .filter((request) => request.path.startsWith(prefix))
    .map((request) => Object.fromEntries(new URL(request.path, 'http://localhost').searchParams));

describe('Keycloak events page', () => {
  it('lists login events with type, user link, client, IP and details', async () => {
    setup('/realms/demo/events');

    const table = await screen.findByTestId('login-events-table');
    const [ok, failed] = within(table).getAllByTestId('login-event-row') as [HTMLElement, HTMLElement];
    expect(screen.getByRole('tab', { name: 'Login events' }).getAttribute('aria-selected')).toBe('true');
    expect(within(ok).getByRole('link', { name: 'alice.martin' }).getAttribute('href')).toBe('/realms/demo/users/user-alice');
    expect(ok.textContent).toContain('Login');
    expect(ok.textContent).toContain('demo-portal');
    expect(within(ok).getByText('Show').closest('details')?.textContent).toContain('openid-connect');
    expect(failed.textContent).toContain('Login error');
    expect(failed.textContent).toContain('invalid_user_credentials');
  });

  it('explains instead of showing an empty table when the realm does not record login events', async () => {
    setup('/realms/demo/events', { 'GET /api/realms/demo/events': { json: login({ enabled: false, items: [] }) } });

    expect(
      await screen.findByText('This realm does not record login events. An administrator can turn them on in Keycloak: Realm settings → Events.'),
    ).toBeTruthy();
    expect(screen.queryByTestId('login-events-table')).toBeNull();
    expect(screen.queryByText(/No login events/)).toBeNull();
  });

  it('sends the filters in the URL and pages with first/max while Keycloak has more', async () => {
    const { fetchMock, url } = setup('/realms/demo/events?type=LOGIN&client=demo-portal&from=2026-03-01', {
      'GET /api/realms/demo/events': { json: login({ more: true }) },
    });
    await screen.findByTestId('login-events-table');
    const from = new Date(2026, 2, 1, 0, 0, 0, 0).getTime(); // the browser's midnight, sent as an instant
    const sent = query(fetchMock, '/api/realms/demo/events')[0];
    expect({ ...sent, from: Date.parse(sent?.from ?? '') }).toEqual({ type: 'LOGIN', client: 'demo-portal', from, first: '0', max: '50' });
    expect((screen.getByLabelText('Event type') as HTMLSelectElement).value).toBe('LOGIN');
    expect((screen.getByRole('button', { name: 'Previous page' }) as HTMLButtonElement).disabled).toBe(true);

    fireEvent.click(screen.getByRole('button', { name: 'Next page' }));

    expect(Object.fromEntries(new URLSearchParams(url.search))).toEqual({ type: 'LOGIN', client: 'demo-portal', from: '2026-03-01', first: '50' });
    await waitFor(() => expect(query(fetchMock, '/api/realms/demo/events').at(-1)?.first).toBe('50'));
  });

  it('disables Next on the last page', async () => {
    setup('/realms/demo/events?first=50');
    await screen.findByTestId('login-events-table');
    expect((screen.getByRole('button', { name: 'Next page' }) as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByRole('button', { name: 'Previous page' }) as HTMLButtonElement).disabled).toBe(false);
    expect(screen.getByTestId('events-range').textContent).toBe('Events 51–52');
  });

  it('does not send a filter the API would refuse, and says so', async () => {
    const { fetchMock } = setup('/realms/demo/events?ip=nonsense&client=demo-mail');
    await screen.findByTestId('login-events-table');

    expect(screen.getByTestId('rejected-filters').textContent).toContain('IP address “nonsense” must be an IP address.');
    expect(query(fetchMock, '/api/realms/demo/events')[0]).toEqual({ client: 'demo-mail', first: '0', max: '50' });
  });

  it('shows admin events with the note that the service account is named as actor', async () => {
    const { fetchMock, url } = setup('/realms/demo/events?type=LOGIN');
    await screen.findByTestId('login-events-table');

    fireEvent.click(screen.getByRole('tab', { name: 'Admin events' }));

    const table = await screen.findByTestId('admin-events-table');
    expect(url.search).toBe('?tab=admin');
    expect(within(table).getByTestId('admin-event-row').textContent).toContain('sessions/sess-alice-0001');
    const note = screen.getByTestId('service-account-note');
    expect(note.textContent).toContain('Keycloak names Session Desk’s service account as the actor of every change made through the console');
    expect(within(note).getByRole('link', { name: 'Audit page' }).getAttribute('href')).toBe('/audit?realm=demo');
    expect(query(fetchMock, '/api/realms/demo/admin-events')[0]).toEqual({ first: '0', max: '50' });
  });

  it('explains when admin events are not recorded', async () => {
    setup('/realms/demo/events?tab=admin&operation=DELETE', { 'GET /api/realms/demo/admin-events': { json: admin({ enabled: false, items: [] }) } });

    expect(await screen.findByText(/This realm does not record admin events/)).toBeTruthy();
    expect(screen.queryByTestId('admin-events-table')).toBeNull();
  });

  it('is not offered to help-desk', async () => {
    mockFetch({ 'GET /api/me': { json: operatorFixture('helpdesk') }, 'GET /api/realms': { json: realmsFixture() } });
    renderApp('/realms/demo/events');

    expect(await screen.findByText('Your role does not include this page')).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Keycloak events' })).toBeNull();
  });
});
