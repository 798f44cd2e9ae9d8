import type { Role } from '@session-desk/contracts';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockFetch } from '@/testing/fetch-mock';
import { operatorFixture, realmsFixture, sessionFixture, sessionListFixture } from '@/testing/fixtures';
import { renderApp } from '@/testing/test-utils';
import { formatDateTime } from '@/lib/format';

async function renderHomeAs(role: Role) {
  const operator = operatorFixture(role);
  mockFetch({ 'GET /api/me': { json: operator } });
  renderApp('/');
  await screen.findByRole('heading', { name: `Welcome, ${operator.name}` });
  return operator;
}

function listItems(name: string): string[] {
  const list = screen.queryByRole('list', { name });
  return list ? within(list).getAllByRole('listitem').map((item) => item.textContent ?? '') : [];
}

describe('Home page', () => {
  it('says who is signed in and in which realm', async () => {
    const operator = await renderHomeAs('helpdesk');

    expect(screen.getByText((_, el) => el?.tagName === 'P' && el.textContent === 'Signed in as Hal Helpdesk (hal.helpdesk)')).toBeTruthy();
    const roleCard = screen.getByRole('region', { name: 'Your role' });
    expect(within(roleCard).getByText('Help desk')).toBeTruthy();
    expect(roleCard.textContent).toContain('always recording a reason');
    expect(roleCard.textContent).toContain(operator.realm);
  });

  it('says until when the operator stays signed in, with the time zone, and whether using the console extends it', async () => {
    const idle = operatorFixture('auditor', { sessionExpiresAt: '2030-01-01T12:00:00.000Z', sessionExpiresBy: 'idle' });
    mockFetch({ 'GET /api/me': { json: idle } });
    const { unmount } = renderApp('/');
    const shown = await screen.findByTestId('session-expires');
    expect(shown.textContent).toContain(formatDateTime('2030-01-01T12:00:00.000Z'));
    expect(shown.textContent).toContain('each use of the console moves this later');
    unmount();

    mockFetch({ 'GET /api/me': { json: operatorFixture('auditor', { sessionExpiresBy: 'absolute' }) } });
    renderApp('/');
    expect((await screen.findByTestId('session-expires')).textContent).toContain('the longest one sign-in lasts');
  });

  it('lists what a help-desk operator can see and change', async () => {
    await renderHomeAs('helpdesk');

    expect(listItems('You can change')).toEqual([
      "End a user's session (with a reason)",
      'Log a user out everywhere: all their sessions (with a reason)',
      'End your own sessions',
      'End several selected sessions at once (with a reason)',
    ]);
    expect(listItems('You can see')).toContain('Find users and look at their details');
    expect(listItems('You can see')).toContain('Read the audit trail of your own actions');
    expect(screen.queryByTestId('read-only-notice')).toBeNull();
  });

  it('tells an auditor they are read-only and lists no changes', async () => {
    await renderHomeAs('auditor');

    expect(screen.getByTestId('read-only-notice').textContent).toContain(
      'Read-only: you can look but not change anything',
    );
    expect(listItems('You can change')).toEqual([]);
    expect(listItems('You can see')).toContain("Read the audit trail of every operator's actions");
    expect(listItems('You can see')).toContain('Read Keycloak sign-in and admin events');
  });

  it('shows an administrator the realm-wide powers', async () => {
    await renderHomeAs('admin');

    const changes = listItems('You can change');
    expect(changes).toContain('Sign everyone out of the whole realm (with a reason)');
    expect(changes).toContain('End every session that matches a search (with a reason)');
    expect(changes).toContain('Switch and tune the rules that flag sessions of concern (with a reason)');
    expect(changes).toHaveLength(8);
    expect(screen.queryByTestId('read-only-notice')).toBeNull();
  });

  it('shows an empty state when the operator has no permissions', async () => {
    mockFetch({ 'GET /api/me': { json: operatorFixture('auditor', { permissions: [] }) } });
    renderApp('/');

    expect(await screen.findByText('No permissions yet')).toBeTruthy();
  });

  describe('quick find: Enter opens where the results point', () => {
    const alice = { id: 'u-alice', username: 'alice', email: 'alice@example.org', firstName: 'Alice', lastName: 'Liddell', enabled: true };
    const session = sessionFixture({ userId: 'u-alice', username: 'alice' });

    async function typeAndWait(routes: Parameters<typeof mockFetch>[0], typed: string) {
      mockFetch({ 'GET /api/me': { json: operatorFixture('helpdesk') }, 'GET /api/realms': { json: realmsFixture() }, ...routes });
      const { url } = renderApp('/');
      const box = await screen.findByRole('searchbox', { name: 'Find a user or session' });
      fireEvent.change(box, { target: { value: typed } });
      return { url, box };
    }

    it('the one matching user', async () => {
      const { url, box } = await typeAndWait(
        {
          'GET /api/realms/demo/users?q=alice': { json: { items: [alice], more: false } },
          'GET /api/realms/demo/sessions?q=alice&first=0&max=5&sort=lastAccess%3Adesc': { json: sessionListFixture([session]) },
        },
        'alice',
      );
      await screen.findByTestId('quick-find-users');
      fireEvent.submit(box);
      await waitFor(() => expect(url.pathname + url.search).toBe('/realms/demo/users/u-alice'));
    });

    it('the matching sessions when several users match', async () => {
      const bob = { ...alice, id: 'u-bob', username: 'bob' };
      const { url, box } = await typeAndWait(
        {
          'GET /api/realms/demo/users?q=o': { json: { items: [alice, bob], more: false } },
          'GET /api/realms/demo/sessions?q=o&first=0&max=5&sort=lastAccess%3Adesc': { json: sessionListFixture([session]) },
        },
        'o',
      );
      await screen.findByTestId('quick-find-sessions');
      fireEvent.submit(box);
      await waitFor(() => expect(url.pathname + url.search).toBe('/realms/demo/sessions?q=o'));
    });

    it('offers no link to lists known to be empty', async () => {
      await typeAndWait(
        {
          'GET /api/realms/demo/users?q=nobody-xyz': { json: { items: [], more: false } },
          'GET /api/realms/demo/sessions?q=nobody-xyz&first=0&max=5&sort=lastAccess%3Adesc': { json: sessionListFixture([]) },
        },
        'nobody-xyz',
      );
      await screen.findByText('No user matches “nobody-xyz”.');
      await screen.findByText('No one matching “nobody-xyz” is signed in.');
      expect(screen.queryByRole('link', { name: /matching “nobody-xyz”/ })).toBeNull();
    });

    it('the one matching user even when Enter comes before the results (it waits for them)', async () => {
      const { url, box } = await typeAndWait(
        {
          'GET /api/realms/demo/users?q=alice': { json: { items: [alice], more: false } },
          'GET /api/realms/demo/sessions?q=alice&first=0&max=5&sort=lastAccess%3Adesc': { json: sessionListFixture([session]) },
        },
        'alice',
      );
      // Enter at once: no result is on screen yet.
      expect(screen.queryByTestId('quick-find-users')).toBeNull();
      fireEvent.submit(box);
      await waitFor(() => expect(url.pathname + url.search).toBe('/realms/demo/users/u-alice'));
    });

    it('the matching users when no one matching is signed in', async () => {
      const { url, box } = await typeAndWait(
        {
          'GET /api/realms/demo/users?q=alice': { json: { items: [alice, { ...alice, id: 'u-2', username: 'alice2' }], more: false } },
          'GET /api/realms/demo/sessions?q=alice&first=0&max=5&sort=lastAccess%3Adesc': { json: sessionListFixture([]) },
        },
        'alice',
      );
      await screen.findByText('No one matching “alice” is signed in.');
      await screen.findByTestId('quick-find-users');
      // No link to a list known to be empty; the users' one stays.
      expect(screen.queryByRole('link', { name: /sessions? matching/ })).toBeNull();
      expect(screen.getByRole('link', { name: 'All users matching “alice”' })).toBeTruthy();
      fireEvent.submit(box);
      await waitFor(() => expect(url.pathname + url.search).toBe('/realms/demo/users?q=alice'));
    });
  });
});
