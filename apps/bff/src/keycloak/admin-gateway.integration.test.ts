import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { describe, expect, it } from 'vitest';
import { demoRealm } from '@session-desk/keycloak-local';
import { loginEndUser, refreshWorks, reservedEndUser, sessionIdOf } from '../testing/end-user-sessions.js';
import { KeycloakSessions } from './sessions-api.js';
import { createTestApp, readinessDetail, testConfig } from '../testing/test-app.js';
import { HttpError } from '../http/errors.js';
import { KeycloakGateway } from './admin-gateway.js';
import { OidcProvider } from './oidc-provider.js';
import request from 'supertest';

function gatewayFor(overrides: Record<string, string> = {}) {
  const config = testConfig(overrides);
  return { config, gateway: new KeycloakGateway(config, new OidcProvider(config)) };
}

describe('KeycloakGateway against the real Keycloak', () => {
  it('is ready when Keycloak answers and the service account works', async () => {
    const test = createTestApp();
    const response = await request(test.app).get('/readyz');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ready' });
    expect((await readinessDetail(test)).body.checks.serviceAccount.ok).toBe(true);
  });

  it('fetches a new service-account token and retries once after Keycloak revokes it', async () => {
    const { config, gateway } = gatewayFor();
    const count = () => gateway.admin(demoRealm.realm, (client) => client.users.count());
    const users = await count();
    expect(users).toBeGreaterThan(100);
    expect(gateway.tokensFor(demoRealm.realm).fetchCount).toBe(1);

    const token = await gateway.tokensFor(demoRealm.realm).getToken();
    const revoked = await fetch(`${config.keycloak.issuer}/protocol/openid-connect/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        token,
        token_type_hint: 'access_token',
        client_id: config.service.clientId,
        client_secret: config.service.clientSecret,
      }),
    });
    expect(revoked.status).toBe(200);
    const direct = await fetch(`${config.keycloak.url}/admin/realms/${demoRealm.realm}/users/count`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(direct.status).toBe(401);

    expect(await count()).toBe(users);
    expect(gateway.tokensFor(demoRealm.realm).fetchCount).toBe(2);
    expect(await gateway.tokensFor(demoRealm.realm).getToken()).not.toBe(token);
  });

  it('answers 502 naming the service account when its secret is wrong', async () => {
    const { gateway } = gatewayFor({ SERVICE_CLIENT_SECRET: 'rotated-elsewhere' });
    const failure = await gateway.admin(demoRealm.realm, (client) => client.users.count()).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(HttpError);
    expect(failure).toMatchObject({ status: 502, code: 'keycloak_error' });
    expect((failure as HttpError).message).toMatch(/service account/);
  });

  it('answers 503 when Keycloak cannot be reached, and /readyz says why while /healthz stays up', async () => {
    const test = createTestApp({ KEYCLOAK_URL: 'http://127.0.0.1:9', KEYCLOAK_TIMEOUT_MS: '2000' });
    const { app } = test;
    const ready = await request(app).get('/readyz');
    expect(ready.status).toBe(503);
    expect(ready.body).toEqual({ status: 'not_ready' });
    const detail = (await readinessDetail(test)).body;
    expect(detail.checks.keycloak.ok).toBe(false);
    expect(detail.checks.keycloak.message).toMatch(/cannot be reached/);
    expect((await request(app).get('/healthz')).status).toBe(200);
    const login = await request(app).get('/auth/login');
    expect(login.status).toBe(503);
    expect(login.body.error).toBe('keycloak_unavailable');
  });

  it('ends sessions over kept-alive connections, not one new connection per DELETE', async () => {
    const { config, gateway } = gatewayFor();
    const sessions = new KeycloakSessions(gateway, { consoleClientId: config.oidc.clientId, operatorRealm: config.keycloak.realm });
    const logins = await Promise.all(Array.from({ length: 12 }, () => loginEndUser(reservedEndUser(21), 'demo-portal')));
    await gateway.admin(demoRealm.realm, (client) => client.users.count());
    const [first] = logins;
    if (!first) throw new Error('no login');
    let connects = 0;
    const onConnect = () => {
      connects += 1;
    };
    subscribe('undici:client:connected', onConnect);
    try {
      for (const tokens of logins) expect(await sessions.deleteSession(demoRealm.realm, sessionIdOf(tokens), false)).toBe(true);
      // Gone already: Keycloak's 404 reads as "already gone", on the same connection.
      expect(await sessions.deleteSession(demoRealm.realm, sessionIdOf(first), false)).toBe(false);
    } finally {
      unsubscribe('undici:client:connected', onConnect);
    }
    // The admin client's DELETE (with its `{}` body) opened a connection for nearly every call. The
    // deletes' own keep-alive pool opens its first connection, and a second when the next call comes
    // before the first connection is handed back; from then on they are reused.
    expect(connects).toBeLessThanOrEqual(2);
    for (const tokens of logins) expect(await refreshWorks('demo-portal', tokens.refresh_token)).toBe(false);
  });

  it('ends an operator session only with a valid refresh token', async () => {
    const { gateway } = gatewayFor();
    expect(await gateway.endOperatorSession('not-a-refresh-token')).toBe(false);
  });
});
