import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockFetch } from '@/testing/fetch-mock';
import { mySessionFixture, operatorFixture } from '@/testing/fixtures';
import { renderApp } from '@/testing/test-utils';

const current = mySessionFixture({ id: 'sess-current-01', current: true, ipAddress: '10.1.1.1', lastAccess: '2030-01-01T09:59:00.000Z' });
const laptop = mySessionFixture({ id: 'sess-laptop-001', ipAddress: '10.2.2.2', clients: [{ id: 'c-acc', clientId: 'account-console' }] });

function setup(permissions = operatorFixture('admin').permissions) {
  const fetchMock = mockFetch({
    'GET /api/me': { json: operatorFixture('helpdesk', { permissions }) },
    'GET /api/me/sessions': [{ json: { items: [laptop, current] } }, { json: { items: [current] } }],
    'DELETE /api/me/sessions/sess-laptop-001': { json: { ended: true, sessionId: 'sess-laptop-001' } },
  });
  return { ...renderApp('/me/sessions'), fetchMock };
}

const row = (id: string) => screen.getAllByTestId('my-session-row').find((element) => element.dataset.sessionId === id) as HTMLElement;

describe('My sessions page', () => {
  it('marks the current session, lists it first and offers Sign out instead of ending it', async () => {
    setup();

    await screen.findByTestId('my-sessions-table');
    expect(screen.getAllByTestId('my-session-row').map((element) => element.dataset.sessionId)).toEqual([
      'sess-current-01',
      'sess-laptop-001',
    ]);
    const currentRow = row('sess-current-01');
    expect(within(currentRow).getByText('This session')).toBeTruthy();
    expect(within(currentRow).queryByRole('button', { name: /End session/ })).toBeNull();
    expect(within(currentRow).getByRole('button', { name: 'Sign out' })).toBeTruthy();
    expect(within(row('sess-laptop-001')).queryByText('This session')).toBeNull();
    expect(within(row('sess-laptop-001')).getByRole('button', { name: 'End session from 10.2.2.2' })).toBeTruthy();
  });

  it('ends another session after confirmation and refreshes the list', async () => {
    const { fetchMock } = setup();
    fireEvent.click(await screen.findByRole('button', { name: 'End session from 10.2.2.2' }));

    const dialog = screen.getByRole('dialog', { name: 'End one of your sessions' });
    expect(dialog.textContent).toContain('End your session from 10.2.2.2 on account-console');
    fireEvent.click(within(dialog).getByRole('button', { name: 'End session' }));

    expect((await screen.findByRole('status')).textContent).toContain('Ended your session from 10.2.2.2 on account-console');
    expect(fetchMock.calls('DELETE /api/me/sessions/sess-laptop-001')[0]?.headers.get('X-CSRF')).toBe('1');
    await waitFor(() => expect(screen.getAllByTestId('my-session-row')).toHaveLength(1));
    expect(fetchMock.calls('GET /api/me/sessions')).toHaveLength(2);
  });

  it('offers no end buttons without own-sessions:end', async () => {
    setup(['own-sessions:read', 'sessions:read']);

    await screen.findByTestId('my-sessions-table');
    expect(screen.queryByRole('button', { name: /End session/ })).toBeNull();
  });
});
