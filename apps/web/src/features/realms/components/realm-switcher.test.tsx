import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { mockFetch } from '@/testing/fetch-mock';
import { realmsFixture } from '@/testing/fixtures';
import { renderWithProviders } from '@/testing/test-utils';
import { RealmSwitcher } from './realm-switcher';

const optionTexts = () => screen.getAllByRole('option').map((option) => option.textContent);

describe('RealmSwitcher', () => {
  it('lists the managed realms, the default one marked', async () => {
    mockFetch({ 'GET /api/realms': { json: realmsFixture() } });
    renderWithProviders(<RealmSwitcher value="demo" onChange={vi.fn()} />);

    const select = () => screen.getByRole<HTMLSelectElement>('combobox', { name: 'Realm' });
    await waitFor(() => expect(select().disabled).toBe(false));
    expect(optionTexts()).toEqual(['demo (default)', 'partners']);
  });

  it('says a realm from the URL that the list does not name is not managed here', async () => {
    mockFetch({ 'GET /api/realms': { json: realmsFixture() } });
    renderWithProviders(<RealmSwitcher value="nowhere" onChange={vi.fn()} />);

    await waitFor(() => expect(optionTexts()).toEqual(['nowhere (not managed here)', 'demo (default)', 'partners']));
    expect(screen.getByRole<HTMLSelectElement>('combobox', { name: 'Realm' }).value).toBe('nowhere');
  });
});
