import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminGet, KeycloakHttpError, masterAdminToken } from './admin-api.ts';
import { pointBackchannelLogout } from './backchannel-logout-url.ts';
import { ensureKeycloak } from './instance.ts';

/** Against the real test Keycloak, in a throwaway realm, so the shared demo realm is never touched. */
describe('pointBackchannelLogout', () => {
  const realm = `bcl-${randomUUID().slice(0, 8)}`;
  let url = '';

  async function admin(method: string, path: string, body?: unknown): Promise<number> {
    const response = await fetch(`${url}/admin/realms${path}`, {
      method,
      headers: { authorization: `Bearer ${await masterAdminToken(url)}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    await response.body?.cancel();
    return response.status;
  }

  beforeAll(async () => {
    url = (await ensureKeycloak('test', { log: () => undefined })).url;
    const created = await admin('POST', '', {
      realm,
      enabled: true,
      clients: [
        {
          clientId: 'session-desk',
          publicClient: false,
          redirectUris: ['http://localhost:3000/auth/callback'],
          attributes: { 'backchannel.logout.url': 'http://localhost:3000/auth/backchannel-logout', 'pkce.code.challenge.method': 'S256' },
        },
      ],
    });
    expect(created).toBe(201);
  });

  afterAll(async () => {
    if (url) await admin('DELETE', `/${realm}`);
  });

  it("points the operator client's back-channel logout URL at the console's own port and keeps its other attributes", async () => {
    const previous = await pointBackchannelLogout({ url, realm, consoleUrl: 'http://localhost:3100' });
    expect(previous).toBe('http://localhost:3000/auth/backchannel-logout');
    const clients = (await adminGet(url, await masterAdminToken(url), `${realm}/clients?clientId=session-desk`)) as Array<{ attributes: Record<string, string> }>;
    expect(clients[0]?.attributes['backchannel.logout.url']).toBe('http://localhost:3100/auth/backchannel-logout');
    expect(clients[0]?.attributes['pkce.code.challenge.method']).toBe('S256');
  });

  it('answers 404 for a client the realm does not have', async () => {
    const refused = pointBackchannelLogout({ url, realm, clientId: 'no-such-client', consoleUrl: 'http://localhost:3100' });
    await expect(refused).rejects.toBeInstanceOf(KeycloakHttpError);
    await expect(refused).rejects.toMatchObject({ status: 404 });
  });
});
