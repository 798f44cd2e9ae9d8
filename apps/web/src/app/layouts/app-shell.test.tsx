import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { lazy, type ReactElement } from 'react';
import { Route } from 'wouter';
import { describe, expect, it, vi } from 'vitest';
import { AppShell } from '@/app/layouts/app-shell';
import { meQueryKey } from '@/features/auth/api/get-me';
import { createQueryClient } from '@/app/provider';
import type * as BrowserLocation from '@/lib/browser-location';
import { assignLocation } from '@/lib/browser-location';
import { mockFetch } from '@/testing/fetch-mock';
import { operatorFixture, realmsFixture } from '@/testing/fixtures';
import { renderApp } from '@/testing/test-utils';

vi.mock('@/lib/browser-location', async (importOriginal) => ({
  ...(await importOriginal<typeof BrowserLocation>()),
  assignLocation: vi.fn(),
}));

const unavailable = {
  status: 503,
  json: { error: 'keycloak_unavailable', message: 'Keycloak is down', requestId: 'req-503' },
};

describe('AppShell', () => {
  it('shows a full-page loading state while /api/me is pending', async () => {
    mockFetch({ 'GET /api/me': () => new Promise<Response>(() => {}) });

    renderApp('/');

    const status = await screen.findByRole('status');
    expect(status.textContent).toContain('Loading Session Desk…');
    expect(screen.queryByRole('button', { name: 'Sign out' })).toBeNull();
  });

  it('shows the operator and their role from /api/me', async () => {
    mockFetch({ 'GET /api/me': { json: operatorFixture('helpdesk') } });

    renderApp('/');

    expect((await screen.findByTestId('operator-username')).textContent).toBe('hal.helpdesk');
    expect(screen.getByTestId('operator-role').textContent).toBe('Help desk');
    expect(screen.getByRole('banner').textContent).toContain('Hal Helpdesk');
    expect(screen.getByRole('button', { name: 'Sign out' })).toBeTruthy();
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(nav.querySelector('a[href="/"]')?.textContent).toBe('Home');
  });

  it('starts sign-in exactly once on 401, returning to the current path and query', async () => {
    const fetchMock = mockFetch({
      'GET /api/me': { status: 401, json: { error: 'unauthenticated', message: 'Sign in first' } },
    });

    renderApp('/sessions?q=bob&page=2');

    expect((await screen.findByText('Signing you in…')).closest('[role="status"]')).toBeTruthy();
    await waitFor(() => expect(assignLocation).toHaveBeenCalled());
    expect(assignLocation).toHaveBeenCalledTimes(1);
    expect(assignLocation).toHaveBeenCalledWith('/auth/login?returnTo=%2Fsessions%3Fq%3Dbob%26page%3D2');
    expect(fetchMock.calls('GET /api/me')).toHaveLength(1); // 4xx is never retried
  });

  it('says the session ended, instead of going straight to Keycloak, when a signed-in page is answered 401', async () => {
    const fetchMock = mockFetch({
      'GET /api/me': [{ json: operatorFixture('helpdesk') }, { status: 401, json: { error: 'unauthenticated', message: 'Sign in first' } }],
    });
    const { queryClient } = renderApp('/sessions?q=bob');
    expect((await screen.findByTestId('operator-username')).textContent).toBe('hal.helpdesk');
    expect(assignLocation).not.toHaveBeenCalled();

    // The session ends elsewhere; the next answer (here the operator's own re-check) is a 401.
    await act(async () => {
      await queryClient.invalidateQueries({ queryKey: meQueryKey }).catch(() => undefined);
    });

    await waitFor(() => expect(assignLocation).toHaveBeenCalled());
    expect(assignLocation).toHaveBeenCalledTimes(1);
    expect(assignLocation).toHaveBeenCalledWith('/signed-out?reason=session-ended&returnTo=%2Fsessions%3Fq%3Dbob');
    expect(fetchMock.calls('GET /api/me')).toHaveLength(2);
  });

  it('explains a 503 in plain words, retries it twice, and offers a retry that recovers', async () => {
    const fetchMock = mockFetch({
      'GET /api/me': [unavailable, unavailable, unavailable, { json: operatorFixture('admin') }],
    });

    renderApp('/');

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Keycloak is not available right now');
    expect(alert.textContent).toContain('req-503');
    await waitFor(() => expect(fetchMock.calls('GET /api/me')).toHaveLength(3));
    await waitFor(() => expect((screen.getByRole('button', { name: 'Try again' }) as HTMLButtonElement).disabled).toBe(false));
    expect(assignLocation).not.toHaveBeenCalled();

    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));

    expect((await screen.findByTestId('operator-username')).textContent).toBe('ada.admin');
    expect(screen.getByTestId('operator-role').textContent).toBe('Administrator');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('says why at the first failed attempt, while the retries are still to come, instead of "Checking who is signed in"', async () => {
    const fetchMock = mockFetch({ 'GET /api/me': [unavailable, { json: operatorFixture('admin') }] });

    // The app's own back-off (seconds): the panel must not wait for it.
    renderApp('/', { queryClient: createQueryClient() });

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Keycloak is not available right now');
    expect(fetchMock.calls('GET /api/me')).toHaveLength(1);
    expect(screen.queryByText('Checking who is signed in.')).toBeNull();

    // The retry still comes by itself, and the console opens.
    expect((await screen.findByTestId('operator-username', {}, { timeout: 5_000 })).textContent).toBe('ada.admin');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('marks the section being looked at as the current page, realm sections in the realm being looked at', async () => {
    mockFetch({ 'GET /api/me': { json: operatorFixture('admin') }, 'GET /api/realms': { json: realmsFixture() } });

    const { url } = renderApp('/realms/partners/users/u-1');

    const nav = await screen.findByRole('navigation', { name: 'Main' });
    const current = [...nav.querySelectorAll('a[aria-current="page"]')];
    expect(current.map((link) => [link.textContent, link.getAttribute('href')])).toEqual([['Users', '/realms/partners/users']]);
    expect(current[0]?.className).toContain('bg-accent-50');
    expect(nav.querySelector('a[href="/"]')?.hasAttribute('aria-current')).toBe(false);

    await url.navigate('/');

    await waitFor(() => expect(nav.querySelector('a[aria-current="page"]')?.textContent).toBe('Home'));
    expect(nav.querySelector('a[href="/users"]')?.className).not.toContain('bg-accent-50');
  });

  it('sends /realms/:realm to the realm\'s sessions, replacing the history entry', async () => {
    mockFetch({ 'GET /api/me': { json: operatorFixture('auditor') }, 'GET /api/realms': { json: realmsFixture() } });

    const { url } = renderApp('/realms/partners');

    await waitFor(() => expect(url.pathname).toBe('/realms/partners/sessions'));
    expect(url.history).toEqual(['/realms/partners/sessions']);
  });

  it('renders a designed 404 for unknown paths inside the shell', async () => {
    mockFetch({ 'GET /api/me': { json: operatorFixture('auditor') } });

    renderApp('/no/such/page');

    expect(await screen.findByRole('heading', { name: 'Page not found' })).toBeTruthy();
    expect(screen.getByText('/no/such/page')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Go to Home' }).getAttribute('href')).toBe('/');
  });

  it('keeps the frame, nav and skip link while the code of a page loads, with a skeleton announced in main', async () => {
    mockFetch({ 'GET /api/me': { json: operatorFixture('admin') } });
    let arrive: (page: { default: () => ReactElement }) => void = () => {};
    const SlowPage = lazy(() => new Promise<{ default: () => ReactElement }>((resolve) => (arrive = resolve)));

    renderApp('/slow', {
      routes: (
        <AppShell>
          <Route path="/slow">
            <SlowPage />
          </Route>
        </AppShell>
      ),
    });

    const main = await screen.findByRole('main');
    expect(main.querySelector('[role="status"]')?.textContent).toBe('Loading the page…');
    expect(screen.getByRole('link', { name: 'Skip to main content' }).getAttribute('href')).toBe('#main');
    expect(screen.getByRole('navigation', { name: 'Main' })).toBeTruthy();

    arrive({ default: () => <h1>Slow page</h1> });

    expect(await screen.findByRole('heading', { name: 'Slow page' })).toBeTruthy();
    expect(main.querySelector('[role="status"]')).toBeNull();
  });
});
