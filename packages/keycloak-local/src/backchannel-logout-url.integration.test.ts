import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminGet, KeycloakHttpError, masterAdminToken } from './admin-api.ts';
import { pointConsoleClient, TEST_INSTANCE_BACKCHANNEL_URL } from './backchannel-logout-url.ts';
import { demoRealm } from './demo-realm.ts';
import { ensureKeycloak } from './instance.ts';

/** Against the real test Keycloak, in a throwaway realm, so the shared demo realm is never touched. */
describe('pointConsoleClient', () => {
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
          attributes: {
            'backchannel.logout.url': 'http://localhost:3000/auth/backchannel-logout',
            'post.logout.redirect.uris': 'http://localhost:3000/*',
            'pkce.code.challenge.method': 'S256',
          },
        },
      ],
    });
    expect(created).toBe(201);
  });

  afterAll(async () => {
    if (url) await admin('DELETE', `/${realm}`);
  });

  type Client = { redirectUris: string[]; attributes: Record<string, string> };
  const client = async () => ((await adminGet(url, await masterAdminToken(url), `${realm}/clients?clientId=session-desk`)) as Client[])[0];

  it("points the operator client's back-channel logout URL at the console's own port and keeps its other attributes", async () => {
    const { previousBackchannelUrl } = await pointConsoleClient({ url, realm, consoleUrl: 'http://localhost:3100' });
    expect(previousBackchannelUrl).toBe('http://localhost:3000/auth/backchannel-logout');
    const after = await client();
    expect(after?.attributes['backchannel.logout.url']).toBe('http://localhost:3100/auth/backchannel-logout');
    expect(after?.attributes['pkce.code.challenge.method']).toBe('S256');
  });

  it("adds the console's own callback and post-logout redirect URIs beside the ones there, once", async () => {
    const first = await pointConsoleClient({ url, realm, consoleUrl: 'http://localhost:3200' });
    expect(first.added).toEqual(['http://localhost:3200/auth/callback', 'http://localhost:3200/*']);
    const again = await pointConsoleClient({ url, realm, consoleUrl: 'http://localhost:3200' });
    expect(again.added).toEqual([]);
    const after = await client();
    // The realm's own URIs stay, the earlier test's :3100 stays, :3200 is there once.
    expect(after?.redirectUris.sort()).toEqual(['http://localhost:3000/auth/callback', 'http://localhost:3100/auth/callback', 'http://localhost:3200/auth/callback']);
    expect(after?.attributes['post.logout.redirect.uris']?.split('##')).toEqual(['http://localhost:3000/*', 'http://localhost:3100/*', 'http://localhost:3200/*']);
    expect(after?.attributes['backchannel.logout.url']).toBe('http://localhost:3200/auth/backchannel-logout');
  });

  it("lets an operator of the console at that origin sign in: Keycloak accepts its callback as redirect_uri", async () => {
    await pointConsoleClient({ url, realm, consoleUrl: 'http://localhost:3201' });
    const authorize = (redirectUri: string) =>
      fetch(
        `${url}/realms/${realm}/protocol/openid-connect/auth?${new URLSearchParams({
          client_id: 'session-desk',
          response_type: 'code',
          scope: 'openid',
          redirect_uri: redirectUri,
          code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
          code_challenge_method: 'S256',
        })}`,
        { redirect: 'manual' },
      );
    const accepted = await authorize('http://localhost:3201/auth/callback');
    await accepted.body?.cancel();
    expect(accepted.status).toBe(200);
    // The same request for an origin never registered is what the attacker saw on :3200.
    const refused = await authorize('http://localhost:3299/auth/callback');
    expect(refused.status).toBe(400);
    expect(await refused.text()).toMatch(/redirect_uri/i);
  });

  it('answers 404 for a client the realm does not have', async () => {
    const refused = pointConsoleClient({ url, realm, clientId: 'no-such-client', consoleUrl: 'http://localhost:3100' });
    await expect(refused).rejects.toBeInstanceOf(KeycloakHttpError);
    await expect(refused).rejects.toMatchObject({ status: 404 });
  });
});

describe('the test instance', () => {
  it("points the demo realm's operator client's back-channel logouts at no console, so a demo on :3000 receives none of the tests' logouts", async () => {
    const { url } = await ensureKeycloak('test', { log: () => undefined });
    const clients = await adminGet(url, await masterAdminToken(url), `${demoRealm.realm}/clients?clientId=${demoRealm.bff.clientId}`);
    const [client] = clients as Array<{ attributes?: Record<string, string>; redirectUris?: string[] }>;
    expect(client?.attributes?.['backchannel.logout.url']).toBe(TEST_INSTANCE_BACKCHANNEL_URL);
    expect(TEST_INSTANCE_BACKCHANNEL_URL).not.toMatch(/:(3000|3100|3101|3102)\//);
    // Sign-in for the consoles the tests run is as the realm file has it.
    expect(client?.redirectUris).toContain('http://localhost:3100/auth/callback');
  });
});
