import { act, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type * as BrowserLocation from '@/lib/browser-location';
import { assignLocation } from '@/lib/browser-location';
import { mockFetch } from '@/testing/fetch-mock';
import { renderApp } from '@/testing/test-utils';

vi.mock('@/lib/browser-location', async (importOriginal) => ({
  ...(await importOriginal<typeof BrowserLocation>()),
  assignLocation: vi.fn(),
}));

describe('Signed-out page', () => {
  it('offers a way back in without calling the API or redirecting', async () => {
    const fetchMock = mockFetch({});

    const { queryClient } = renderApp('/signed-out');

    expect(await screen.findByRole('heading', { name: 'You are signed out' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Sign in again' }).getAttribute('href')).toBe('/auth/login');
    // Effects ran inside render's act(); flush what they may have queued. No query was even created,
    // so none can be waiting to fetch.
    await act(async () => {
      await Promise.resolve();
    });
    expect(queryClient.getQueryCache().getAll()).toEqual([]);
    expect(fetchMock.fn).not.toHaveBeenCalled();
    expect(assignLocation).not.toHaveBeenCalled();
    expect(screen.queryByText(/single sign-on may still be active/)).toBeNull();
  });

  it.each([
    ['no-role', 'You have no role in this console', /none of .*roles/],
    ['sign-in-expired', 'This sign-in has expired', /already used, or took too long/],
    ['sign-in-refused', 'Keycloak did not sign you in', /cancelled or refused/],
    ['sign-in-failed', 'The sign-in did not complete', /reported a problem/],
    ['keycloak-unavailable', 'Keycloak cannot be reached', /not answering right now/],
    ['store-unavailable', 'Your sign-in could not be kept', /could not store your session/],
    ['too-many-sign-ins', 'Too many sign-in attempts', /than .* allows in a minute/],
  ])('says why a sign-in that ended here with reason=%s did not complete, and offers it again', async (reason, title, text) => {
    const fetchMock = mockFetch({});
    renderApp(`/signed-out?reason=${reason}`);
    expect(await screen.findByRole('heading', { name: title })).toBeTruthy();
    expect(screen.getByText(text)).toBeTruthy();
    expect(screen.queryByText(/session has ended/)).toBeNull();
    expect(screen.getByRole('link', { name: 'Sign in again' }).getAttribute('href')).toBe('/auth/login');
    expect(fetchMock.fn).not.toHaveBeenCalled();
  });

  it('says a session that ended while the console was open has ended, and signs in again back to the page it was on', async () => {
    const fetchMock = mockFetch({});
    renderApp(`/signed-out?reason=session-ended&returnTo=${encodeURIComponent('/realms/demo/sessions?q=ann')}`);
    expect(await screen.findByRole('heading', { name: 'Your session has ended' })).toBeTruthy();
    expect(screen.getByText(/ended while the page was open/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Sign in again' }).getAttribute('href')).toBe('/auth/login?returnTo=%2Frealms%2Fdemo%2Fsessions%3Fq%3Dann');
    expect(fetchMock.fn).not.toHaveBeenCalled();
    expect(assignLocation).not.toHaveBeenCalled();
  });

  it.each(['//evil.example/x', 'https://evil.example/', '/\\evil.example', 'javascript:alert(1)'])('signs in to the home page when returnTo (%s) is not a path of this console', async (returnTo) => {
    mockFetch({});
    renderApp(`/signed-out?reason=session-ended&returnTo=${encodeURIComponent(returnTo)}`);
    expect(await screen.findByRole('heading', { name: 'Your session has ended' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Sign in again' }).getAttribute('href')).toBe('/auth/login');
  });

  it.each(['toString', '__proto__', 'unknown', ''])('reads an unknown reason (%s) as a plain sign-out', async (reason) => {
    mockFetch({});
    renderApp(`/signed-out?reason=${reason}`);
    expect(await screen.findByRole('heading', { name: 'You are signed out' })).toBeTruthy();
  });
});
