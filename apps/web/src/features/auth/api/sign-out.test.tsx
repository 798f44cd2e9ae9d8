import { screen, waitFor, fireEvent } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { meQueryKey } from '@/features/auth/api/get-me';
import type * as BrowserLocation from '@/lib/browser-location';
import { assignLocation } from '@/lib/browser-location';
import { mockFetch } from '@/testing/fetch-mock';
import { operatorFixture } from '@/testing/fixtures';
import { renderApp } from '@/testing/test-utils';
import { apiRequest } from '@/lib/api-client';
import { resolveRedirect } from './sign-out';

vi.mock('@/lib/browser-location', async (importOriginal) => ({
  ...(await importOriginal<typeof BrowserLocation>()),
  assignLocation: vi.fn(),
}));

async function renderSignedIn(logoutReply: Parameters<typeof mockFetch>[0][string], more: Parameters<typeof mockFetch>[0] = {}) {
  const fetchMock = mockFetch({
    'GET /api/me': { json: operatorFixture('helpdesk') },
    'POST /auth/logout': logoutReply,
    ...more,
  });
  const view = renderApp('/');
  await screen.findByTestId('operator-username');
  return { ...view, fetchMock };
}

describe('useSignOut', () => {
  it('posts /auth/logout with the CSRF header, clears the cache and navigates to redirectTo', async () => {
    const { fetchMock, url, queryClient } = await renderSignedIn({
      json: { redirectTo: '/signed-out', keycloakSessionEnded: true },
    });

    fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));

    expect(await screen.findByRole('heading', { name: 'You are signed out' })).toBeTruthy();
    const [logout] = fetchMock.calls('POST /auth/logout');
    expect(logout?.headers.get('X-CSRF')).toBe('1');
    expect(url.pathname).toBe('/signed-out');
    await waitFor(() => expect(queryClient.getQueryData(meQueryKey)).toBeUndefined());
    expect(fetchMock.calls('GET /api/me')).toHaveLength(1);
    expect(assignLocation).not.toHaveBeenCalled();
  });

  it('does not start sign-in when another request answers 401 while the sign-out is under way', async () => {
    await renderSignedIn(
      async () => {
        // A refetch still in flight when the BFF ends the session.
        await apiRequest('/api/probe').catch(() => undefined);
        return Response.json({ redirectTo: '/signed-out', keycloakSessionEnded: true });
      },
      { 'GET /api/probe': { status: 401, json: { error: 'unauthenticated', message: 'Sign in.' } } },
    );

    fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));

    expect(await screen.findByRole('heading', { name: 'You are signed out' })).toBeTruthy();
    expect(assignLocation).not.toHaveBeenCalled();
  });

  it('warns on the signed-out page when the Keycloak session may still be alive', async () => {
    await renderSignedIn({ json: { redirectTo: '/signed-out', keycloakSessionEnded: false } });

    fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));

    expect(await screen.findByText(/single sign-on may still be active/)).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'You are signed out' })).toBeTruthy();
  });

  it('treats an already-ended session (401) as signed out instead of starting sign-in', async () => {
    await renderSignedIn({ status: 401, json: { error: 'unauthenticated', message: 'No session' } });

    fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));

    expect(await screen.findByRole('heading', { name: 'You are signed out' })).toBeTruthy();
    expect(assignLocation).not.toHaveBeenCalled();
  });

  it('leaves the SPA with a full page load when redirectTo is another origin', async () => {
    const { url } = await renderSignedIn({
      json: { redirectTo: 'https://sso.example.test/logout?x=1', keycloakSessionEnded: false },
    });

    fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));

    await waitFor(() => expect(assignLocation).toHaveBeenCalledWith('https://sso.example.test/logout?x=1'));
    expect(url.pathname).toBe('/');
  });

  it('keeps the operator signed in and explains the failure when sign-out fails', async () => {
    const { url } = await renderSignedIn({
      status: 503,
      json: { error: 'keycloak_unavailable', message: 'Keycloak is down', requestId: 'req-9' },
    });

    fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('We could not sign you out');
    expect(alert.textContent).toContain('Keycloak is not available right now');
    expect(url.pathname).toBe('/');
    expect(screen.getByTestId('operator-username').textContent).toBe('hal.helpdesk');
  });
});

describe('resolveRedirect', () => {
  it('keeps SPA paths in the router and sends server paths and other origins through the browser', () => {
    expect(resolveRedirect('/signed-out')).toEqual({ kind: 'spa', path: '/signed-out' });
    expect(resolveRedirect('/auth/login')).toEqual({ kind: 'document', url: '/auth/login' });
    expect(resolveRedirect('https://kc.example/logout')).toEqual({ kind: 'document', url: 'https://kc.example/logout' });
    expect(resolveRedirect('javascript:alert(1)')).toEqual({ kind: 'spa', path: '/signed-out' });
    expect(resolveRedirect('//evil.example')).toEqual({ kind: 'spa', path: '/signed-out' });
  });
});
