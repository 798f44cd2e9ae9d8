import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { paths } from '@/config/paths';
import { mockFetch } from '@/testing/fetch-mock';
import { operatorFixture, realmsFixture, userDetailFixture } from '@/testing/fixtures';
import { renderApp } from '@/testing/test-utils';

/** Identifiers Keycloak produces: a realm with dots and a space, a federated user id whose external id holds `/`, `%`, `#`, `?`. */
const REALM = 'acme.prod eu';
const USER_ID = 'f:0b6c3c1e-4b3a-4f6e-9d67-2f1c8e5a9b10:../uid=j%20smith#1?x';

describe('identifiers Keycloak accepts, in the SPA', () => {
  it('opens the user page of a federated user in a dotted realm and asks the BFF with every segment encoded', async () => {
    const apiPath = `/api/realms/${encodeURIComponent(REALM)}/users/${encodeURIComponent(USER_ID)}`;
    const fetchMock = mockFetch({
      'GET /api/me': { json: operatorFixture('helpdesk') },
      'GET /api/realms': { json: realmsFixture({ realms: [{ name: REALM, isDefault: true, permissions: operatorFixture('helpdesk').permissions }], defaultRealm: REALM }) },
      [`GET ${apiPath}`]: { json: userDetailFixture({ user: { ...userDetailFixture().user, id: USER_ID } }) },
      'GET /api/audit': { json: { items: [], nextCursor: null, total: 0 } },
    });
    const url = paths.user(REALM, USER_ID);
    expect(url).toBe(`/realms/acme.prod%20eu/users/${encodeURIComponent(USER_ID)}`);
    renderApp(url);

    expect(await screen.findByRole('heading', { name: 'Alice Martin' })).toBeTruthy();
    await waitFor(() => expect(fetchMock.calls(`GET ${apiPath}`)).toHaveLength(1));
  });
});
