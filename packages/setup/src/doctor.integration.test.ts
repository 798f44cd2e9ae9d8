import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { checkConnection } from './doctor.js';

/** A stand-in console: answers the back-channel logout path with `status`. */
async function consoleAnswering(status: number): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    res.statusCode = req.method === 'POST' && req.url === '/auth/backchannel-logout' ? status : 404;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ error: 'invalid_logout_token', message: 'the logout token is not valid' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe('doctor: back-channel logout reaching the console', () => {
  const keycloakUrl = inject('keycloakUrl');
  let server: Server | undefined;
  afterEach(() => server?.close());

  const settings = (publicUrl: string) => ({
    keycloakUrl,
    operatorRealm: 'demo',
    managedRealms: [],
    operatorClient: { clientId: 'session-desk', clientSecret: 'session-desk-demo-secret' },
    serviceClient: { clientId: 'session-desk-service', clientSecret: 'session-desk-service-demo-secret' },
    publicUrl,
  });

  it('is ok when the console refuses an invalid logout token with 400', async () => {
    const started = await consoleAnswering(400);
    server = started.server;
    const report = await checkConnection(settings(started.url));
    expect(report.checks.find((check) => check.id === 'backchannel-logout')).toMatchObject({ status: 'ok' });
  });

  it('fails on a 404 (no back-channel logout there) and warns when nothing listens', async () => {
    const started = await consoleAnswering(404);
    server = started.server;
    const report = await checkConnection(settings(started.url));
    expect(report.checks.find((check) => check.id === 'backchannel-logout')).toMatchObject({ status: 'fail', message: expect.stringMatching(/answered 404/) });
    expect(report.ok).toBe(false);
    server.close();
    server = undefined;
    const silent = await checkConnection(settings(started.url));
    expect(silent.checks.find((check) => check.id === 'backchannel-logout')).toMatchObject({ status: 'warn', message: expect.stringMatching(/not reachable/) });
  });
});

describe('doctor: the sign-in check leaves no trace in Keycloak', () => {
  const keycloakUrl = inject('keycloakUrl');

  async function loginErrors(): Promise<number> {
    const token = await fetch(`${keycloakUrl}/realms/master/protocol/openid-connect/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'password', client_id: 'admin-cli', username: 'admin', password: 'admin' }),
    });
    const { access_token: accessToken } = (await token.json()) as { access_token: string };
    const events = await fetch(`${keycloakUrl}/admin/realms/demo/events?client=session-desk&type=LOGIN_ERROR&max=1000`, { headers: { authorization: `Bearer ${accessToken}` } });
    expect(events.status).toBe(200);
    return ((await events.json()) as unknown[]).length;
  }

  it("asks the authorization endpoint as the console's sign-in does (PKCE, state, nonce), so Keycloak records no LOGIN_ERROR", async () => {
    const before = await loginErrors();
    const report = await checkConnection({
      keycloakUrl,
      operatorRealm: 'demo',
      managedRealms: [],
      operatorClient: { clientId: 'session-desk', clientSecret: 'session-desk-demo-secret' },
      serviceClient: { clientId: 'session-desk-service', clientSecret: 'session-desk-service-demo-secret' },
      publicUrl: 'http://localhost:3000',
    });
    expect(report.checks.find((check) => check.id === 'redirect-uri')).toMatchObject({ status: 'ok' });
    expect(await loginErrors()).toBe(before);
  });
});
