import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockFetch } from '@/testing/fetch-mock';
import { operatorFixture, realmsFixture } from '@/testing/fixtures';
import { renderApp } from '@/testing/test-utils';

const alice = { id: 'user-alice', username: 'alice.martin', email: 'alice.martin@example.test', firstName: 'Alice', lastName: 'Martin', enabled: true };
const albert = { id: 'user-albert', username: 'albert', email: null, firstName: null, lastName: null, enabled: false };

describe('Users page', () => {
  it('searches by what is typed, keeps it in the URL and links each result to the user page', async () => {
    const fetchMock = mockFetch({
      'GET /api/me': { json: operatorFixture('helpdesk') },
      'GET /api/realms': { json: realmsFixture() },
      'GET /api/realms/demo/users': { json: { items: [alice, albert], more: false } },
    });
    const { url } = renderApp('/realms/demo/users');

    expect(await screen.findByText('Find a user')).toBeTruthy();
    expect(fetchMock.requests.some((request) => request.path.startsWith('/api/realms/demo/users'))).toBe(false);

    fireEvent.change(screen.getByRole('searchbox', { name: 'Search users' }), { target: { value: 'al' } });

    const results = await screen.findAllByTestId('user-result');
    expect(url.search).toBe('?q=al');
    expect(fetchMock.calls('GET /api/realms/demo/users?q=al')).toHaveLength(1);
    expect(within(results[0] as HTMLElement).getByRole('link').getAttribute('href')).toBe('/realms/demo/users/user-alice');
    expect(results[0]?.textContent).toContain('Alice Martin · alice.martin@example.test');
    expect(within(results[1] as HTMLElement).getByText('Disabled')).toBeTruthy();
  });

  it('explains an empty result and says when there are more matches than shown', async () => {
    mockFetch({
      'GET /api/me': { json: operatorFixture('auditor') },
      'GET /api/realms': { json: realmsFixture() },
      'GET /api/realms/demo/users?q=zz': { json: { items: [], more: false } },
      'GET /api/realms/demo/users?q=a': { json: { items: [alice], more: true } },
    });
    const { url } = renderApp('/realms/demo/users?q=zz');

    expect(await screen.findByText('No users match “zz” in demo')).toBeTruthy();
    // What Keycloak's search does (users/help-desk-search.integration.test.ts): from the start, anywhere with *.
    expect(screen.getByText(/from its start: .* put \* where anything may come/)).toBeTruthy();
    await url.navigate('/realms/demo/users?q=a');
    expect(await screen.findByText(/More users match/)).toBeTruthy();
  });

  it('shows a plain-words error when the search fails', async () => {
    mockFetch({
      'GET /api/me': { json: operatorFixture('auditor') },
      'GET /api/realms': { json: realmsFixture() },
      'GET /api/realms/demo/users': { status: 504, json: { error: 'keycloak_timeout', message: 'slow' } },
    });
    renderApp('/realms/demo/users?q=alice');

    const alert = await screen.findByRole('alert');
    await waitFor(() => expect(alert.textContent).toContain('Keycloak is responding too slowly'));
    expect(alert.textContent).toContain('The users could not be searched');
  });

  it('tells an operator without users:read that the page is not for their role', async () => {
    const fetchMock = mockFetch({ 'GET /api/me': { json: operatorFixture('auditor', { permissions: ['sessions:read'] }) } });
    renderApp('/realms/demo/users?q=alice');

    expect(await screen.findByText('Your role does not include this page')).toBeTruthy();
    // Nothing of the page is asked for (the navigation's badge may ask for its count).
    expect(fetchMock.requests.map((request) => request.path).filter((path) => !path.endsWith('/concerns/count'))).toEqual(['/api/me']);
  });
});

describe('a realm this console does not manage, named in the URL', () => {
  it.each([
    ['/realms/master/sessions', '/realms/demo/sessions'],
    ['/realms/nowhere/users?q=alice', '/realms/demo/users'],
    ['/realms/master/users/user-alice', '/realms/demo/users'],
  ])('%s says so plainly and offers the same section of the default realm', async (path, way) => {
    mockFetch({
      'GET /api/me': { json: operatorFixture('admin') },
      'GET /api/realms': { json: realmsFixture() },
    });
    renderApp(path);

    const realm = /^\/realms\/([^/]+)/.exec(path)?.[1] ?? '';
    expect(await screen.findByText(`Session Desk does not manage the realm “${realm}”`)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Go to demo' }).getAttribute('href')).toBe(way);
  });
});
