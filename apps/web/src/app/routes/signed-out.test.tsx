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
});
