import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoRealm } from '@session-desk/keycloak-local';
import { createTestApp, testConfig } from '../testing/test-app.js';
import { signInThroughKeycloak } from '../testing/keycloak-browser.js';
import { createSessionStore, type SessionStoreHandle } from './session-store.js';
import { PrivateRedis, requireRedis, waitFor } from '@session-desk/test-support';

const canRun = requireRedis('the Redis session store fault tests');

describe.skipIf(!canRun)('operator sessions in Redis (REDIS_URL), with Redis going away', () => {
  const redis = new PrivateRedis();
  let handles: SessionStoreHandle[] = [];

  beforeAll(async () => {
    await redis.start();
  });

  afterAll(async () => {
    for (const handle of handles) await handle.close();
    await redis.destroy();
  });

  async function app() {
    // Instances behind one load balancer share Redis and the cookie-signing secret.
    const shared = { REDIS_URL: redis.url, SESSION_SECRET: 'a-session-secret-shared-by-every-instance' };
    const config = testConfig(shared);
    const handle = await createSessionStore(config, pino({ level: 'silent' }));
    handles.push(handle);
    expect(handle.kind).toBe('redis');
    return createTestApp(shared, undefined, handle);
  }

  it('shares a signed-in operator between two BFF instances', async () => {
    const first = await app();
    const second = await app();
    const operator = demoRealm.operators[0]!;
    const browser = first.agent();
    const { cookieAfter } = await signInThroughKeycloak(browser, operator.username, operator.password);
    const cookie = cookieAfter?.split(';')[0] ?? '';
    expect(cookie).toMatch(/^sd\.sid=/);
    const other = await second.agent().get('/api/me').set('Cookie', cookie);
    expect(other.status).toBe(200);
    expect(other.body.username).toBe(operator.username);
  });

  it('answers a clear 503 while Redis is gone, never crashes, and the session is back with Redis', async () => {
    const test = await app();
    const operator = demoRealm.operators[1]!;
    const browser = test.agent();
    await signInThroughKeycloak(browser, operator.username, operator.password);
    expect((await browser.get('/api/me')).status).toBe(200);

    await redis.stop();
    const down = await browser.get('/api/me');
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ error: 'session_store_unavailable', message: expect.any(String) });
    expect((await browser.get('/healthz')).status).toBe(200);
    // Starting a sign-in stores nothing on the server (its state is an encrypted cookie), so it still works.
    const loginWhileDown = await test.agent().get('/auth/login');
    expect(loginWhileDown.status).toBe(302);

    await redis.start();
    // The client reconnects on its own: wait for the condition (bounded by the test timeout), then check it.
    await waitFor(async () => (await browser.get('/api/me')).status === 200, 25_000, 'the session to be back with Redis');
    const back = await browser.get('/api/me');
    expect(back.status).toBe(200);
    expect(back.body.username).toBe(operator.username);
    handles = handles.filter((handle) => handle.store !== test.sessionStore);
  }, 60_000);
});
