import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Agent } from 'supertest';
import request from 'supertest';
import { demoRealm, masterAdminToken } from '@session-desk/keycloak-local';
import { createTestApp, readinessDetail } from '../testing/test-app.js';
import { appWithKeycloakBehindProxy } from '../testing/keycloak-behind-proxy.js';
import { signInThroughKeycloak } from '../testing/keycloak-browser.js';
import { waitFor, type FaultProxy } from '@session-desk/test-support';

const realm = demoRealm.realm;

describe('Keycloak unreachable or hung (through a loopback proxy the test controls)', () => {
  let proxy: FaultProxy;
  let test: ReturnType<typeof createTestApp>;
  let admin: Agent;

  beforeAll(async () => {
    ({ proxy, test, admin } = await appWithKeycloakBehindProxy({ KEYCLOAK_TIMEOUT_MS: '1500', READINESS_TIMEOUT_MS: '300', KEYCLOAK_MAX_CONCURRENCY: '2', KEYCLOAK_MAX_QUEUE: '2' }));
  });

  afterAll(async () => {
    await proxy.stop();
  });

  const search = (q: string) => admin.get(`/api/realms/${realm}/users`).query({ q });

  it('goes through the proxy when Keycloak is up', async () => {
    expect((await search('desk')).status).toBe(200);
    // Sign-in's back channel and the Admin API calls all went through the proxy.
    expect(proxy.connections).toBeGreaterThan(0);
    expect((await request(test.app).get('/readyz')).status).toBe(200);
  });

  it('answers 503 with Retry-After when Keycloak is unreachable; /readyz says why, /healthz stays up; then recovers', async () => {
    await proxy.setMode('refuse');
    const down = await search('refused');
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ error: 'keycloak_unavailable' });
    expect(down.headers['retry-after']).toBe('5');
    const ready = await request(test.app).get('/readyz');
    expect(ready.status).toBe(503);
    expect(ready.body).toEqual({ status: 'not_ready' });
    expect((await readinessDetail(test)).body.checks.keycloak).toMatchObject({ ok: false, message: expect.stringMatching(/cannot be reached/) });
    expect((await request(test.app).get('/healthz')).status).toBe(200);

    await proxy.setMode('forward');
    expect((await search('back')).status).toBe(200);
    expect((await request(test.app).get('/readyz')).status).toBe(200);
  });

  it('answers 504 after the timeout when Keycloak hangs, and 503 with Retry-After past the queue', async () => {
    await proxy.setMode('stall');
    const responses = await Promise.all(Array.from({ length: 8 }, (_, i) => search(`hung-${i}`)));
    const statuses = responses.map((response) => response.status).sort();
    // Two run and two wait (KEYCLOAK_MAX_CONCURRENCY=2, KEYCLOAK_MAX_QUEUE=2); the rest are refused at once.
    expect(statuses.filter((status) => status === 504)).toHaveLength(4);
    expect(statuses.filter((status) => status === 503)).toHaveLength(4);
    const busy = responses.find((response) => response.status === 503)!;
    expect(busy.body.error).toBe('busy');
    expect(busy.headers['retry-after']).toBe('2');
    const hung = responses.find((response) => response.status === 504)!;
    expect(hung.body).toMatchObject({ error: expect.any(String), message: expect.any(String) });
    expect(test.keycloak.limiter.active).toBe(0);

    // Readiness does not wait out KEYCLOAK_TIMEOUT_MS: not ready once READINESS_TIMEOUT_MS has passed.
    const ready = await request(test.app).get('/readyz');
    expect(ready.status).toBe(503);
    expect(ready.body).toEqual({ status: 'not_ready' });
    const detail = await admin.get('/api/admin/health');
    expect(detail.status).toBe(503);
    expect(detail.body.checks.keycloak).toMatchObject({ ok: false, message: expect.stringContaining('did not answer within 300 ms') });

    await proxy.setMode('forward');
    expect((await search('after-hang')).status).toBe(200);
    await waitFor(async () => (await request(test.app).get('/readyz')).status === 200, 10_000, '/readyz to be ready again');
    // Bounded by this test's timeout, not by a stopwatch: two rounds of the 1.5 s Keycloak timeout fit many times over.
  }, 60_000);
});

describe('service account broken in Keycloak (client disabled), then fixed', () => {
  const url = inject('keycloakUrl');
  const clientId = 'session-desk-fault-drill';
  const secret = 'fault-drill-secret';
  let clientUuid = '';

  async function adminApi(method: string, path: string, body?: unknown): Promise<Response> {
    const token = await masterAdminToken(url);
    return fetch(`${url}/admin/realms/${realm}/${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  beforeAll(async () => {
    const existing = (await (await adminApi('GET', `clients?clientId=${clientId}`)).json()) as Array<{ id: string }>;
    for (const client of existing) await adminApi('DELETE', `clients/${client.id}`);
    const created = await adminApi('POST', 'clients', {
      clientId,
      secret,
      publicClient: false,
      serviceAccountsEnabled: true,
      standardFlowEnabled: false,
      directAccessGrantsEnabled: false,
    });
    expect(created.status).toBe(201);
    clientUuid = created.headers.get('location')!.split('/').pop()!;
    const serviceUser = (await (await adminApi('GET', `clients/${clientUuid}/service-account-user`)).json()) as { id: string };
    const management = ((await (await adminApi('GET', 'clients?clientId=realm-management')).json()) as Array<{ id: string }>)[0]!;
    const roles = (await (await adminApi('GET', `clients/${management.id}/roles`)).json()) as Array<{ id: string; name: string }>;
    const wanted = roles.filter((role) => ['view-users', 'query-users'].includes(role.name));
    expect((await adminApi('POST', `users/${serviceUser.id}/role-mappings/clients/${management.id}`, wanted)).status).toBe(204);
  });

  afterAll(async () => {
    if (clientUuid) await adminApi('DELETE', `clients/${clientUuid}`);
  });

  it('answers 502 naming the service account, /readyz names the cause, and recovers when fixed', async () => {
    const test = createTestApp({ SERVICE_CLIENT_ID: clientId, SERVICE_CLIENT_SECRET: secret });
    const count = () => test.keycloak.admin(realm, (kc) => kc.users.count());
    expect(await count()).toBeGreaterThan(0);
    // An operator signed in through the console (sign-in uses the OIDC client, not the service account).
    const browser = test.agent();
    const operator = demoRealm.operators.find((o) => o.role === 'admin')!;
    await signInThroughKeycloak(browser, operator.username, operator.password);
    expect((await browser.get(`/api/realms/${realm}/users`).query({ q: 'desk' })).status).toBe(200);

    expect((await adminApi('PUT', `clients/${clientUuid}`, { clientId, enabled: false })).status).toBe(204);
    const failure = await count().catch((err: unknown) => err);
    expect(failure).toMatchObject({ status: 502, code: 'keycloak_error' });
    expect((failure as Error).message).toMatch(/service account/);
    // What the operator's browser gets: HTTP 502 with a JSON {error, message} naming the service account.
    const answer = await browser.get(`/api/realms/${realm}/users`).query({ q: 'desk' });
    expect(answer.status).toBe(502);
    expect(answer.headers['content-type']).toMatch(/^application\/json\b/);
    expect(answer.body).toMatchObject({ error: 'keycloak_error', message: expect.stringMatching(/service account/) });
    const ready = await request(test.app).get('/readyz');
    expect(ready.status).toBe(503);
    expect(ready.body).toEqual({ status: 'not_ready' });
    expect((await readinessDetail(test)).body.checks.serviceAccount.message).toMatch(/service account/);

    expect((await adminApi('PUT', `clients/${clientUuid}`, { clientId, enabled: true })).status).toBe(204);
    expect(await count()).toBeGreaterThan(0);
    expect((await browser.get(`/api/realms/${realm}/users`).query({ q: 'desk' })).status).toBe(200);
    expect((await request(test.app).get('/readyz')).status).toBe(200);
  });
});
