import { createServer, type Server } from 'node:http';
import pino from 'pino';
import request from 'supertest';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { demoRealm } from '@session-desk/keycloak-local';
import { createSessionStore, type SessionStoreHandle } from './session-store.js';
import { createTestApp, testConfig } from '../testing/test-app.js';
import { demoOperator, signedInAs, signInThroughKeycloak } from '../testing/keycloak-browser.js';
import { adminSend, userSessionIds } from '../testing/keycloak-admin.js';
import {
  createThrowawayUser,
  deleteUser,
  grantConsoleRoleThroughGroup,
  loginAs,
  logoutUserInKeycloak,
  setConsoleClientAttribute,
  setConsoleRole,
  setUserEnabled,
  type ThrowawayUser,
} from '../testing/throwaway-users.js';
import { sessionIdOf } from '../testing/end-user-sessions.js';
import { freePort, PrivateRedis, waitFor } from '@session-desk/test-support';
import { keycloakUnavailable } from '../keycloak/errors.js';
import { auditListResponseSchema } from '@session-desk/contracts';

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

describe('a destructive action asks Keycloak first (no waiting for the re-check interval)', () => {
  /** Re-check far away: only the check before the action can see what changed in Keycloak. */
  const FAR = { OPERATOR_RECHECK_SECONDS: '3600' };
  const cleanups: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const cleanup of cleanups) await cleanup();
  });

  async function throughGroup(userId: string, role: 'admin' | 'helpdesk') {
    const grant = await grantConsoleRoleThroughGroup(userId, role);
    cleanups.push(grant.remove);
    return grant;
  }

  async function targetSession(): Promise<{ target: ThrowawayUser; session: string }> {
    const target = await createThrowawayUser('target-recheck');
    users.push(target);
    return { target, session: sessionIdOf(await loginAs(target)) };
  }

  it('an admin through group and composite role, taken out of the group, is refused at once: 401, nothing ended, recorded as refused', async () => {
    const op = await createThrowawayUser('op-group-admin');
    users.push(op);
    const grant = await throughGroup(op.id, 'admin');
    const { target, session } = await targetSession();
    const test = createTestApp(FAR);
    const browser = test.agent();
    await signInThroughKeycloak(browser, op.username, op.password);
    expect((await browser.get('/api/me')).body.roles).toEqual(['admin']);

    await grant.leave();
    const refused = await browser.delete(`/api/realms/${realm}/sessions/${session}`).set('X-CSRF', '1').send({ reason: 'removed admin tries', userId: target.id });
    expect(refused.status, refused.text).toBe(401);
    expect(refused.body).toMatchObject({ error: 'unauthenticated', message: expect.stringMatching(/no longer holds a Session Desk role/) });
    expect(await userSessionIds(realm, target.id)).toContain(session);
    const { items } = await test.auditStore.query({ action: 'session.end', outcome: 'refused', limit: 500 });
    expect(items.filter((record) => record.operator.id === op.id)).toEqual([
      expect.objectContaining({ sessionId: session, error: expect.stringMatching(/no longer holds a Session Desk role/) }),
    ]);
    // The console session ended with it.
    expect((await browser.get('/api/me')).status).toBe(401);
  });

  /** A help-desk operator made admin through a group, signed in as admin (the re-check far away); `grant.leave()` lowers them. */
  async function adminThroughGroup(name: string) {
    const op = await createThrowawayUser(name);
    users.push(op);
    await setConsoleRole(op.id, 'helpdesk');
    const grant = await throughGroup(op.id, 'admin');
    const test = createTestApp(FAR);
    const browser = test.agent();
    await signInThroughKeycloak(browser, op.username, op.password);
    expect((await browser.get('/api/me')).body.primaryRole).toBe('admin');
    return { op, grant, test, browser };
  }

  it('an admin lowered to help-desk (the admin role came through a group) is refused what only admins may do, and the console shows help-desk', async () => {
    const { op, grant, test, browser } = await adminThroughGroup('op-group-demoted');

    await grant.leave();
    const settings = await browser.put(`/api/realms/${realm}/concerns/settings`).set('X-CSRF', '1').send({ reason: 'lowered admin tries', settings: {} });
    expect(settings.status, settings.text).toBe(403);
    expect(settings.body).toMatchObject({ error: 'forbidden', message: expect.any(String) });
    const bulk = await browser.post(`/api/realms/${realm}/session-jobs`).set('X-CSRF', '1').send({ reason: 'lowered admin tries a filter', filter: { q: 'target-recheck' } });
    expect(bulk.status, bulk.text).toBe(403);
    const { items } = await test.auditStore.query({ outcome: 'refused', limit: 500 });
    const mine = items.filter((record) => record.operator.id === op.id);
    expect(mine.map((record) => record.action).sort()).toEqual(['bulk.start', 'concerns.configure']);
    // Recorded with the role Keycloak grants now.
    expect(mine.map((record) => record.operator.role)).toEqual(['helpdesk', 'helpdesk']);
    expect((await browser.get('/api/me')).body).toMatchObject({ primaryRole: 'helpdesk', roles: ['helpdesk'] });
  });

  it("an admin lowered to help-desk reads only their own audit records from the next request, not after the re-check interval: no more of others' records, no export of them, no verify", async () => {
    const { op, grant, test, browser } = await adminThroughGroup('op-audit-demoted');
    // Someone else's record: an auditor's refused attempt.
    const auditor = await signedInAs(test, 'auditor');
    expect((await auditor.delete(`/api/realms/${realm}/sessions/someone-elses-0001`).set('X-CSRF', '1').send({ reason: 'not mine to end' })).status).toBe(403);
    const operatorsIn = async (path: string) => {
      const answer = await browser.get(path);
      expect(answer.status, answer.text).toBe(200);
      return new Set(auditListResponseSchema.parse(answer.body).items.map((record) => record.operator.username));
    };
    expect(await operatorsIn('/api/audit')).toContain(demoOperator('auditor').username);
    expect((await browser.get('/api/audit/verify')).status).toBe(200);

    await grant.leave();
    expect([...(await operatorsIn('/api/audit'))].every((username) => username === op.username)).toBe(true);
    const exported = await browser.get('/api/audit/export?format=jsonl');
    expect(exported.status).toBe(200);
    expect(exported.text).not.toContain(demoOperator('auditor').username);
    expect((await browser.get('/api/audit/verify')).status).toBe(403);
    expect((await browser.get('/api/me')).body).toMatchObject({ primaryRole: 'helpdesk' });
  });

  /**
   * A job of six sessions of a throwaway target by `op`, one item at a time, the job asking Keycloak
   * again at most every second (OPERATOR_RECHECK_SECONDS); `change` runs while the first item is
   * being ended, and the job's next check is due once a second has passed. Checks that the first
   * session ended and the other five were refused with `refusal`, recorded, and are still alive.
   */
  async function jobChangedAfterFirstItem(op: ThrowawayUser, change: () => Promise<void>, refusal: RegExp, env: Record<string, string> = {}) {
    const target = await createThrowawayUser('target-bulk');
    users.push(target);
    const ids: string[] = [];
    for (let i = 0; i < 6; i += 1) ids.push(sessionIdOf(await loginAs(target)));
    const test = createTestApp({ ...RECHECK, BULK_CONCURRENCY: '1', SNAPSHOT_TTL_SECONDS: '0', ...env });
    const browser = test.agent();
    await signInThroughKeycloak(browser, op.username, op.password);
    const deleteSession = test.sessions.deleteSession.bind(test.sessions);
    let calls = 0;
    test.sessions.deleteSession = async (...args) => {
      calls += 1;
      if (calls === 1) {
        await change();
        const changed = Date.now();
        await waitFor(async () => Date.now() - changed > 1_100, 5_000, 'the job re-check to be due');
      }
      return deleteSession(...args);
    };
    const started = await browser.post(`/api/realms/${realm}/session-jobs`).set('X-CSRF', '1').send({ reason: 'bulk while Keycloak changes the operator', sessions: ids.map((id) => ({ id, type: 'regular' })) });
    expect(started.status, started.text).toBe(202);
    const jobId = (started.body as { id: string }).id;
    await test.jobs.settled(jobId);

    const job = (await test.jobStore.get(jobId))?.job;
    // Stopped by Keycloak's answer, not by anyone's cancel: the job says why.
    expect(job).toMatchObject({ state: 'cancelled', total: 6, done: 1, failed: 5, left: 0, stopReason: expect.stringMatching(refusal) });
    const [first, ...rest] = job!.items;
    expect(first).toMatchObject({ sessionId: ids[0], outcome: 'ended' });
    for (const item of rest) expect(item).toMatchObject({ outcome: 'refused', error: expect.stringMatching(refusal) });
    const live = await userSessionIds(realm, target.id);
    expect(live).not.toContain(ids[0]);
    for (const id of ids.slice(1)) expect(live).toContain(id);
    const { items } = await test.auditStore.query({ jobId, outcome: 'refused', limit: 50 });
    expect(items.map((record) => record.sessionId).sort()).toEqual(ids.slice(1).sort());
    return { browser, refusals: items };
  }

  it('a bulk job stops when its operator loses the role mid-job: the items not begun are refused, recorded, and still alive', async () => {
    const op = await createThrowawayUser('op-group-bulk');
    users.push(op);
    const grant = await throughGroup(op.id, 'admin');
    const { browser } = await jobChangedAfterFirstItem(op, () => grant.leave(), /no longer holds a Session Desk role/);
    expect((await browser.get('/api/me')).status).toBe(401);
  });

  it("an administrator made help-desk mid-job stops at help-desk's limit: the items not begun are refused, recorded, and still alive", async () => {
    const op = await operator('admin');
    const demote = async () => {
      await setConsoleRole(op.id, 'helpdesk');
      await setConsoleRole(op.id, 'admin', true);
    };
    const { browser, refusals } = await jobChangedAfterFirstItem(op, demote, /at most 3 sessions in one job; this job has 6/, { HELPDESK_BULK_LIMIT: '3' });
    expect(refusals.every((record) => record.operator.role === 'helpdesk')).toBe(true);
    // Still signed in, as help-desk: only the job's scope ended.
    expect((await browser.get('/api/me')).body).toMatchObject({ primaryRole: 'helpdesk' });
  });

  it('Keycloak unreachable for the check: 503, nothing ended, recorded as refused', async () => {
    const op = await operator('helpdesk');
    const { target, session } = await targetSession();
    const test = createTestApp(FAR);
    const browser = test.agent();
    await signInThroughKeycloak(browser, op.username, op.password);
    test.keycloak.refreshOperatorTokens = async () => {
      throw keycloakUnavailable();
    };
    const refused = await browser.delete(`/api/realms/${realm}/sessions/${session}`).set('X-CSRF', '1').send({ reason: 'while Keycloak is down', userId: target.id });
    expect(refused.status, refused.text).toBe(503);
    expect(refused.body).toMatchObject({ error: 'keycloak_unavailable' });
    expect(await userSessionIds(realm, target.id)).toContain(session);
    const { items } = await test.auditStore.query({ action: 'session.end', outcome: 'refused', limit: 500 });
    expect(items.filter((record) => record.operator.id === op.id)).toEqual([
      expect.objectContaining({ sessionId: session, targetUser: expect.objectContaining({ id: target.id }) }),
    ]);
  });
});

describe('an operator ending their own sign-in through the console', () => {
  // The test Keycloak sends its back-channel logouts nowhere: only the console itself can keep the
  // dialogs' promise ("this signs you out of Session Desk too"), and the re-check is an hour away.
  it.each(['their current Keycloak session', 'their whole user (log out everywhere)'] as const)('is signed out of the console at once after ending %s', async (what) => {
    const op = await operator('helpdesk');
    const test = createTestApp({ OPERATOR_RECHECK_SECONDS: '3600' });
    const browser = test.agent();
    await signInThroughKeycloak(browser, op.username, op.password);
    const own = (await browser.get('/api/me')).body as { currentSessionId: string };
    const done =
      what === 'their current Keycloak session'
        ? await browser.delete(`/api/realms/${realm}/sessions/${own.currentSessionId}`).set('X-CSRF', '1').send({ reason: 'ending my own session' })
        : await browser.post(`/api/realms/${realm}/users/${op.id}/logout`).set('X-CSRF', '1').send({ reason: 'logging myself out everywhere' });
    expect(done.status, done.text).toBe(200);
    expect(await userSessionIds(realm, op.id)).toEqual([]);
    expect((await browser.get('/api/me')).status).toBe(401);
  }, 60_000);

  it("keeps the console session when the operator ends another of their own sessions, not the one it holds", async () => {
    const op = await operator('helpdesk');
    const test = createTestApp({ OPERATOR_RECHECK_SECONDS: '3600' });
    const browser = test.agent();
    await signInThroughKeycloak(browser, op.username, op.password);
    const own = (await browser.get('/api/me')).body as { currentSessionId: string };
    const other = sessionIdOf(await loginAs(op));
    const done = await browser.delete(`/api/realms/${realm}/sessions/${other}`).set('X-CSRF', '1').send({ reason: 'ending my other session' });
    expect(done.status, done.text).toBe(200);
    expect(await userSessionIds(realm, op.id)).toEqual([own.currentSessionId]);
    expect((await browser.get('/api/me')).status).toBe(200);
  }, 60_000);
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

  it.each(['redis', 'memory'] as const)(
    'an operator who ends their own Keycloak session from the console is signed out of the console at once (%s store): their request does not write the session back after Keycloak\'s back-channel logout ended it',
    async (kind) => {
      const op = await operator('helpdesk');
      const a = kind === 'redis' ? await instance() : createTestApp({ OPERATOR_RECHECK_SECONDS: '3600' });
      const port = await freePort();
      server = createServer(a.app).listen(port, '127.0.0.1');
      restore = await setConsoleClientAttribute('backchannel.logout.url', `http://127.0.0.1:${port}/auth/backchannel-logout`);
      const browser = a.agent();
      await signInThroughKeycloak(browser, op.username, op.password);
      const own = (await browser.get('/api/me')).body as { currentSessionId: string };
      expect(own.currentSessionId).toEqual(expect.any(String));

      // Before acting the console refreshes the operator's tokens (the request changes its session);
      // the delete makes Keycloak send the back-channel logout while that request is still running.
      const ended = await browser.delete(`/api/realms/${realm}/sessions/${own.currentSessionId}`).set('X-CSRF', '1').send({ reason: 'ending my own session' });
      expect(ended.status, ended.text).toBe(200);
      expect(await userSessionIds(realm, op.id)).not.toContain(own.currentSessionId);
      const after = await browser.get('/api/me');
      expect(after.status).toBe(401);
    },
    60_000,
  );

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
