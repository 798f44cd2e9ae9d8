import { createServer, type Server } from 'node:http';
import pino from 'pino';
import request from 'supertest';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { demoRealm } from '@session-desk/keycloak-local';
import { createSessionStore, type SessionStoreHandle } from './session-store.js';
import { createTestApp, testConfig } from '../testing/test-app.js';
import { signInThroughKeycloak } from '../testing/keycloak-browser.js';
import { adminSend, userSessionIds } from '../testing/keycloak-admin.js';
import {
  createThrowawayUser,
  deleteUser,
  loginAs,
  logoutUserInKeycloak,
  setConsoleClientAttribute,
  setConsoleRole,
  setUserEnabled,
  type ThrowawayUser,
} from '../testing/throwaway-users.js';
import { sessionIdOf } from '../testing/end-user-sessions.js';
import { freePort, PrivateRedis, waitFor } from '@session-desk/test-support';

const realm = demoRealm.realm;
/** Re-check with Keycloak on (almost) every request, so each test sees Keycloak's word at once. */
const RECHECK = { OPERATOR_RECHECK_SECONDS: '1' };

const users: ThrowawayUser[] = [];
async function operator(role: 'admin' | 'helpdesk' | 'auditor'): Promise<ThrowawayUser> {
  const user = await createThrowawayUser(`op-${role}`);
  users.push(user);
  await setConsoleRole(user.id, role);
  return user;
}

/** Polls `/api/me` until it answers `status` (the re-check interval is 1 s here). */
async function meBecomes(get: () => request.Test, status: number): Promise<request.Response> {
  let last: request.Response | undefined;
  await waitFor(
    async () => {
      last = await get();
      return last.status === status;
    },
    20_000,
    `/api/me to answer ${status}`,
  );
  return last!;
}

afterAll(async () => {
  await Promise.all(users.map((user) => deleteUser(user.id)));
});

describe('operator access follows Keycloak (re-check)', () => {
  it('a role removed in Keycloak is gone from the console within the re-check interval', async () => {
    const op = await operator('helpdesk');
    const { agent } = createTestApp(RECHECK);
    const browser = agent();
    await signInThroughKeycloak(browser, op.username, op.password);
    expect((await browser.get('/api/me')).body.roles).toEqual(['helpdesk']);
    await setConsoleRole(op.id, 'helpdesk', true);
    const me = await meBecomes(() => browser.get('/api/me'), 401);
    expect(me.body).toMatchObject({ error: 'unauthenticated' });
    expect(me.body.message).toMatch(/no longer holds a Session Desk role/);
    // The console session is gone, not only refused once.
    await setConsoleRole(op.id, 'helpdesk');
    expect((await browser.get('/api/me')).status).toBe(401);
  });

  it('a demoted operator keeps only the new role: help-desk made auditor can no longer end sessions', async () => {
    const op = await operator('helpdesk');
    const target = await createThrowawayUser('target-demoted');
    users.push(target);
    const session = sessionIdOf(await loginAs(target));
    const { agent } = createTestApp(RECHECK);
    const browser = agent();
    await signInThroughKeycloak(browser, op.username, op.password);
    await setConsoleRole(op.id, 'auditor');
    await setConsoleRole(op.id, 'helpdesk', true);
    await waitFor(async () => (await browser.get('/api/me')).body.primaryRole === 'auditor', 20_000, 'the auditor role');
    const refused = await browser
      .delete(`/api/realms/${realm}/sessions/${session}`)
      .set('X-CSRF', '1')
      .send({ reason: 'demoted operator tries', userId: target.id });
    expect(refused.status).toBe(403);
    expect(await userSessionIds(realm, target.id)).toContain(session);
  });

  it('a disabled operator is signed out of the console', async () => {
    const op = await operator('helpdesk');
    const { agent } = createTestApp(RECHECK);
    const browser = agent();
    await signInThroughKeycloak(browser, op.username, op.password);
    await setUserEnabled(op.id, false);
    const me = await meBecomes(() => browser.get('/api/me'), 401);
    expect(me.body.message).toMatch(/Keycloak no longer accepts it/);
  });

  it('an operator whose Keycloak sessions are ended through the Admin API loses the console session', async () => {
    const op = await operator('helpdesk');
    const { agent } = createTestApp(RECHECK);
    const browser = agent();
    await signInThroughKeycloak(browser, op.username, op.password);
    await logoutUserInKeycloak(op.id);
    await meBecomes(() => browser.get('/api/me'), 401);
    const deleteAfter = await browser.delete(`/api/realms/${realm}/sessions/AAAAAAAAAAAA`).set('X-CSRF', '1').send({ reason: 'after the end' });
    expect(deleteAfter.status).toBe(401);
  });

  it('concurrent requests share one refresh with Keycloak', async () => {
    const op = await operator('auditor');
    const test = createTestApp(RECHECK);
    const browser = test.agent();
    await signInThroughKeycloak(browser, op.username, op.password);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    let refreshes = 0;
    const original = test.keycloak.refreshOperatorTokens.bind(test.keycloak);
    test.keycloak.refreshOperatorTokens = async (token: string) => {
      refreshes += 1;
      return original(token);
    };
    const answers = await Promise.all(Array.from({ length: 8 }, () => browser.get('/api/me')));
    expect(answers.map((answer) => answer.status)).toEqual(Array(8).fill(200));
    expect(refreshes).toBe(1);
  });
});

describe('back-channel logout from Keycloak', () => {
  const redis = new PrivateRedis();
  const handles: SessionStoreHandle[] = [];
  let server: Server | undefined;
  let restore: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    await redis.start();
  });

  afterEach(async () => {
    await restore?.();
    restore = undefined;
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server = undefined;
  });

  afterAll(async () => {
    await Promise.all(handles.map((handle) => handle.close()));
    await redis.destroy();
  });

  async function instance() {
    // Re-check far away: only the back-channel logout can end the console session within this test.
    const shared = { REDIS_URL: redis.url, SESSION_SECRET: 'a-session-secret-shared-by-every-instance', OPERATOR_RECHECK_SECONDS: '3600' };
    const handle = await createSessionStore(testConfig(shared), pino({ level: 'silent' }));
    handles.push(handle);
    return createTestApp(shared, undefined, handle);
  }

  it("Keycloak's sign out ends the console session on both of two instances sharing Redis", async () => {
    const op = await operator('helpdesk');
    const a = await instance();
    const b = await instance();
    const port = await freePort();
    server = createServer(a.app).listen(port, '127.0.0.1');
    restore = await setConsoleClientAttribute('backchannel.logout.url', `http://127.0.0.1:${port}/auth/backchannel-logout`);

    const browser = b.agent();
    await signInThroughKeycloak(browser, op.username, op.password);
    const cookie = (await browser.get('/api/me')).request.cookies;
    expect((await request(a.app).get('/api/me').set('Cookie', cookie)).status).toBe(200);
    const [keycloakSession] = await userSessionIds(realm, op.id);
    expect(keycloakSession).toBeDefined();

    // The operator's session ended from Keycloak's side (as its admin console's "Sign out" does).
    await adminSend('DELETE', `${realm}/sessions/${keycloakSession}`);
    await waitFor(async () => (await browser.get('/api/me')).status === 401, 15_000, 'instance B to forget the operator');
    expect((await request(a.app).get('/api/me').set('Cookie', cookie)).status).toBe(401);
  });

  it('refuses a replayed logout token, and a user-wide one never ends a console session begun after it', async () => {
    const op = await operator('auditor');
    const a = await instance();
    const b = await instance();
    const port = await freePort();
    server = createServer(a.app).listen(port, '127.0.0.1');
    const restoreUrl = await setConsoleClientAttribute('backchannel.logout.url', `http://127.0.0.1:${port}/auth/backchannel-logout`);
    // Without "session required", Keycloak's logout tokens name only the user (sub), not the session.
    const restoreSid = await setConsoleClientAttribute('backchannel.logout.session.required', 'false');
    restore = async () => {
      await restoreSid();
      await restoreUrl();
    };
    const tokens: string[] = [];
    const verify = a.logoutTokens.verify.bind(a.logoutTokens);
    a.logoutTokens.verify = async (token: unknown) => {
      if (typeof token === 'string') tokens.push(token);
      return verify(token);
    };

    const first = b.agent();
    await signInThroughKeycloak(first, op.username, op.password);
    const [keycloakSession] = await userSessionIds(realm, op.id);
    await adminSend('DELETE', `${realm}/sessions/${keycloakSession}`);
    await waitFor(async () => (await first.get('/api/me')).status === 401, 15_000, 'the first console session to end');
    // The demo realm's console client is shared: while this test points its back-channel URL here, other
    // files' operators signing out send their logout tokens here too. This test's is the one naming `op`.
    const claimsOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()) as { sid?: string; sub?: string; iat: number };
    const token = tokens.find((candidate) => claimsOf(candidate).sub === op.id);
    expect(token, `a logout token naming ${op.id} among ${tokens.length} received`).toBeDefined();
    const claims = claimsOf(token!);
    expect(claims.sid).toBeUndefined();
    // The next console session begins after the second in which the token was issued.
    await waitFor(async () => Date.now() >= (claims.iat + 1) * 1000, 5_000, 'the next second');

    const second = b.agent();
    await signInThroughKeycloak(second, op.username, op.password);
    const replayed = await request(a.app).post('/auth/backchannel-logout').type('form').send({ logout_token: token });
    expect(replayed.status).toBe(400);
    expect(replayed.body.message).toMatch(/used before/);
    expect((await second.get('/api/me')).status).toBe(200);

    // Even where the token's id is not remembered, a user-wide logout does not reach forward in time.
    const forgetful = await instance();
    const index = forgetful.operatorSessions;
    const noMemory = createTestApp(
      { REDIS_URL: redis.url, SESSION_SECRET: 'a-session-secret-shared-by-every-instance' },
      undefined,
      forgetful.sessionStore,
      undefined,
      { operatorSessions: { add: (...args) => index.add(...args), take: (key) => index.take(key), firstUse: async () => true } },
    );
    expect((await request(noMemory.app).post('/auth/backchannel-logout').type('form').send({ logout_token: token })).status).toBe(200);
    expect((await second.get('/api/me')).status).toBe(200);
  });

  it('refuses a logout token that is not one, and ends nothing', async () => {
    const op = await operator('auditor');
    const test = await instance();
    const browser = test.agent();
    await signInThroughKeycloak(browser, op.username, op.password);
    const accessToken = (await loginAs(op)).access_token;
    for (const token of ['', 'not-a-jwt', accessToken, `${accessToken.split('.').slice(0, 2).join('.')}.`]) {
      const answer = await request(test.app).post('/auth/backchannel-logout').type('form').send({ logout_token: token });
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ error: 'bad_request' });
    }
    expect((await browser.get('/api/me')).status).toBe(200);
  });
});
