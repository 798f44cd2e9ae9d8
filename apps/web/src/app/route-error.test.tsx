import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { mockFetch } from '@/testing/fetch-mock';
import { operatorFixture } from '@/testing/fixtures';
import { renderApp } from '@/testing/test-utils';

// The page's chunk cannot be loaded (e.g. a deploy removed it while the tab was open).
vi.mock('@/app/routes/connection', () => {
  throw new Error('chunk missing');
});

describe('route errors', () => {
  it('shows a full page with a reload instead of a blank screen, and leaves it on the next navigation', async () => {
    mockFetch({ 'GET /api/me': { json: operatorFixture('admin') } });
    vi.spyOn(console, 'error').mockImplementation(() => undefined); // React reports the caught error

    const { url } = renderApp('/connection');

    expect(await screen.findByText(/This page could not be shown/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Reload the page' })).toBeTruthy();
    expect(screen.queryByRole('navigation', { name: 'Main' })).toBeNull();

    await url.navigate('/no/such/page');

    await waitFor(() => expect(screen.getByRole('heading', { name: 'Page not found' })).toBeTruthy());
    expect(screen.queryByText(/This page could not be shown/)).toBeNull();
  });
});
