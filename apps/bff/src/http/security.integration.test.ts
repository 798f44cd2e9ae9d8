import v8 from 'node:v8';
import vm from 'node:vm';
import pino from 'pino';
import request from 'supertest';
import type { Agent } from 'supertest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { demoRealm } from '@session-desk/keycloak-local';
import { sessionJobSchema } from '@session-desk/contracts';
import { createSessionStore, type SessionStoreHandle } from '../auth/session-store.js';
import { createTestApp, storedSessionCount, testConfig } from '../testing/test-app.js';
import { signedInAs } from '../testing/keycloak-browser.js';
import { adminSend, userSessionIds } from '../testing/keycloak-admin.js';
import { sessionIdOf } from '../testing/end-user-sessions.js';
import {
  clientUuid,
  createThrowawayUser,
  deleteUser,
  loginAs,
  setConsoleRole,
  type ThrowawayUser,
} from '../testing/throwaway-users.js';
import { PrivateRedis, waitFor } from '@session-desk/test-support';

const realm = demoRealm.realm;
const throwaway: ThrowawayUser[] = [];

async function target(prefix: string): Promise<ThrowawayUser> {
  const user = await createThrowawayUser(prefix);
  throwaway.push(user);
  return user;
}


/** A 429 of the rate limits: JSON, and a Retry-After of whole seconds within the window. */
function expectLimited(answer: request.Response, windowSeconds: number): void {
  expect(answer.status).toBe(429);
  expect(answer.body).toMatchObject({ error: 'rate_limited' });
  const retryAfter = Number(answer.headers['retry-after']);
  expect(Number.isInteger(retryAfter)).toBe(true);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(windowSeconds);
}

afterAll(async () => {
  await Promise.all(throwaway.map((user) => deleteUser(user.id)));
});

describe('rate limits (429 JSON with Retry-After)', () => {
  it('limits sign-in starts and callbacks per address', async () => {
    const test = createTestApp({ RATE_LIMIT_SIGN_IN_PER_MINUTE: '3' });
    for (let i = 0; i < 3; i += 1) expect((await request(test.app).get('/auth/login')).status).toBe(302);
    expectLimited(await request(test.app).get('/auth/login'), 60);
    expectLimited(await request(test.app).get('/auth/callback?code=x&state=y'), 60);
    // A browser is not left on a JSON 429: it lands on the signed-out page, which says why.
    for (const path of ['/auth/login', '/auth/callback?code=x&state=y']) {
      const browser = await request(test.app).get(path).set('Accept', 'text/html,application/xhtml+xml,*/*;q=0.8');
      expect(browser.status).toBe(302);
      expect(browser.headers.location).toBe('/signed-out?reason=too-many-sign-ins');
    }
  });

  it('limits anonymous requests per address: /readyz and /api without a session', async () => {
    const test = createTestApp({ RATE_LIMIT_ANONYMOUS_PER_MINUTE: '3' });
    expect((await request(test.app).get('/readyz')).status).toBe(200);
    expect((await request(test.app).get('/api/me')).status).toBe(401);
    expect((await request(test.app).get('/readyz')).status).toBe(200);
    expectLimited(await request(test.app).get('/api/me'), 60);
    expectLimited(await request(test.app).get('/readyz'), 60);
  });

  it('limits changes per operator', async () => {
    const test = createTestApp({ RATE_LIMIT_ACTIONS_PER_MINUTE: '3' });
    const helpdesk = await signedInAs(test, 'helpdesk');
    const end = () => helpdesk.delete(`/api/realms/${realm}/sessions/unknown-session-0001`).set('X-CSRF', '1').send({ reason: 'rate test' });
    for (let i = 0; i < 3; i += 1) expect((await end()).status).toBe(404);
    expectLimited(await end(), 60);
    // Reads are not changes.
    expect((await helpdesk.get('/api/me')).status).toBe(200);
  });

  it('limits refused attempts per operator: an auditor cannot fill the trail with refusals', async () => {
    const test = createTestApp({ RATE_LIMIT_REFUSED_PER_MINUTE: '3' });
    const auditor = await signedInAs(test, 'auditor');
    const user = await target('refused-flood');
    const try_ = () => auditor.post(`/api/realms/${realm}/users/${user.id}/logout`).set('X-CSRF', '1').send({ reason: 'curious auditor' });
    for (let i = 0; i < 3; i += 1) expect((await try_()).status).toBe(403);
    for (let i = 0; i < 5; i += 1) expectLimited(await try_(), 60);
    const { items } = await test.auditStore.query({ user: user.id, outcome: 'refused' });
    expect(items).toHaveLength(3);
  });

  it("counts a refusal once it is answered: an operator's concurrent permitted actions are never limited as refusals", async () => {
    const test = createTestApp({ RATE_LIMIT_REFUSED_PER_MINUTE: '3' });
    const helpdesk = await signedInAs(test, 'helpdesk');
    const user = await target('refused-concurrent');
    const logout = () => helpdesk.post(`/api/realms/${realm}/users/${user.id}/logout`).set('X-CSRF', '1').send({ reason: 'ticket 31, many at once' });
    const answers = await Promise.all(Array.from({ length: 12 }, logout));
    expect(answers.map((answer) => answer.status)).toEqual(Array.from({ length: 12 }, () => 200));
    // Refusals still count: three, then the limit.
    const refused = () => helpdesk.post(`/api/realms/${realm}/logout-all`).set('X-CSRF', '1').send({ reason: 'ticket 31', confirmRealm: realm });
    for (let i = 0; i < 3; i += 1) expect((await refused()).status).toBe(403);
    expectLimited(await logout(), 60);
  });

  it('limits bulk jobs per operator per hour (help-desk), so the per-job cap cannot be multiplied', async () => {
    const test = createTestApp({ RATE_LIMIT_JOBS_PER_HOUR: '2', SNAPSHOT_MIN_REBUILD_SECONDS: '0' });
    const helpdesk = await signedInAs(test, 'helpdesk');
    const start = () =>
      helpdesk
        .post(`/api/realms/${realm}/session-jobs`)
        .set('X-CSRF', '1')
        .send({ reason: 'job flood', sessions: [{ id: 'unknown-session-0002', type: 'regular' }] });
    // Requests that start no job (malformed: 400) do not use up the quota.
    const malformed = () => helpdesk.post(`/api/realms/${realm}/session-jobs`).set('X-CSRF', '1').send({ reason: 'no sessions named' });
    for (let i = 0; i < 4; i += 1) expect((await malformed()).status).toBe(400);
    for (let i = 0; i < 2; i += 1) expect((await start()).status).toBe(202);
    expectLimited(await start(), 3600);
  });

  it('limits failed back-channel logouts per address, without touching valid ones', async () => {
    const test = createTestApp({ RATE_LIMIT_BACKCHANNEL_FAILURES_PER_MINUTE: '2' });
    const forged = () => request(test.app).post('/auth/backchannel-logout').type('form').send({ logout_token: 'forged.logout.token' });
    for (let i = 0; i < 2; i += 1) expect((await forged()).status).toBe(400);
    expectLimited(await forged(), 60);
  });

  describe('shared by two instances through Redis', () => {
    const redis = new PrivateRedis();
    const handles: SessionStoreHandle[] = [];
    beforeAll(async () => {
      await redis.start();
    });
    afterAll(async () => {
      await Promise.all(handles.map((handle) => handle.close()));
      await redis.destroy();
    });

    it('counts requests to either instance against one limit', async () => {
      const shared = { REDIS_URL: redis.url, SESSION_SECRET: 'a-session-secret-shared-by-every-instance', RATE_LIMIT_ANONYMOUS_PER_MINUTE: '4' };
      const instances = [];
      for (let i = 0; i < 2; i += 1) {
        const handle = await createSessionStore(testConfig(shared), pino({ level: 'silent' }));
        handles.push(handle);
        instances.push(createTestApp(shared, undefined, handle));
      }
      const [a, b] = instances as [ReturnType<typeof createTestApp>, ReturnType<typeof createTestApp>];
      for (const app of [a, b, a, b]) expect((await request(app.app).get('/readyz')).status).toBe(200);
      expectLimited(await request(a.app).get('/readyz'), 60);
      expectLimited(await request(b.app).get('/readyz'), 60);
    });
  });
});

describe('anonymous visitors', () => {
  it('a flood of sign-in starts stores nothing on the server', async () => {
    const test = createTestApp();
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    gc();
    const before = process.memoryUsage().heapUsed;
    const longReturnTo = `/sessions?q=${'x'.repeat(1500)}`;
    for (let i = 0; i < 2_000; i += 1) {
      const answer = await request(test.app).get('/auth/login').query({ returnTo: longReturnTo });
      expect(answer.status).toBe(302);
    }
    gc();
    const grownMiB = (process.memoryUsage().heapUsed - before) / 1_048_576;
    const stored = await storedSessionCount(test.sessionStore);
    console.log(`[flood] 2,000 anonymous sign-in starts (1.5 KB returnTo each): ${stored} stored sessions, retained heap ${grownMiB.toFixed(1)} MiB after GC`);
    expect(stored).toBe(0);
  });

  it('a burst of concurrent /readyz probes costs one check toward Keycloak', async () => {
    const test = createTestApp();
    const checks = vi.spyOn(test.keycloak, 'readiness');
    const answers = await Promise.all(Array.from({ length: 50 }, () => request(test.app).get('/readyz')));
    expect(answers.every((answer) => answer.status === 200)).toBe(true);
    expect(checks.mock.calls.length).toBeLessThanOrEqual(2);
  });

  it('/readyz says only ready or not; the detail is for admins', async () => {
    const test = createTestApp();
    const ready = await request(test.app).get('/readyz');
    expect(ready.body).toEqual({ status: 'ready' });
    for (const secret of [test.config.keycloak.url, test.config.service.clientId, realm]) expect(ready.text).not.toContain(secret);
    const admin = await signedInAs(test, 'admin');
    const detail = await admin.get('/api/admin/health');
    expect(detail.status).toBe(200);
    expect(detail.body.checks.serviceAccount.ok).toBe(true);
    for (const role of ['helpdesk', 'auditor'] as const) {
      const refused = await (await signedInAs(test, role)).get('/api/admin/health');
      expect(refused.status).toBe(403);
      expect(refused.body.error).toBe('forbidden');
    }
  });

  it('bodies are read only after the operator is known: anonymous large or malformed bodies get 401', async () => {
    const test = createTestApp();
    const large = await request(test.app)
      .post(`/api/realms/${realm}/users/someone/logout`)
      .set('X-CSRF', '1')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ reason: 'x'.repeat(600_000) }));
    expect(large.status).toBe(401);
    const malformed = await request(test.app).post(`/api/realms/${realm}/session-jobs`).set('X-CSRF', '1').set('Content-Type', 'application/json').send('{"reason":');
    expect(malformed.status).toBe(401);
  });
});

describe('destructive requests', () => {
  let test: ReturnType<typeof createTestApp>;
  let helpdesk: Agent;
  beforeAll(async () => {
    test = createTestApp();
    helpdesk = await signedInAs(test, 'helpdesk');
  });

  it.each([
    ['three NULs', '\u0000\u0000\u0000', /control characters/],
    ['a bell among letters', 'lost\u0007 laptop', /control characters/],
    ['zero-width spaces', '\u200B\u200B\u200B\u200B', /visible/],
    ['blank', '      ', /at least 3/],
    ['a right-to-left override', 'ticket \u202Egnp.exe', /bidirectional/],
    ['a lone surrogate', 'ticket 42 \uD800', /well-formed/],
  ])('refuses a reason made of %s and changes nothing', async (_name, reason, message) => {
    const user = await target('bad-reason');
    const session = sessionIdOf(await loginAs(user));
    const answer = await helpdesk.delete(`/api/realms/${realm}/sessions/${session}`).set('X-CSRF', '1').send({ reason, userId: user.id });
    expect(answer.status).toBe(400);
    expect(answer.body.message).toMatch(message);
    expect(await userSessionIds(realm, user.id)).toContain(session);
    expect((await test.auditStore.query({ user: user.id })).items).toHaveLength(0);
  });

  it.each([
    ['SEARCH', '/x'],
    ['PROPFIND', '/'],
    ['TRACE', '/'],
    ['POST', '/realms/demo/sessions'],
    ['PUT', '/'],
  ])('answers %s %s with a JSON 404 and the security headers, not an HTML page', async (method, path) => {
    const test = createTestApp();
    const response = await request(test.app)[method.toLowerCase() as 'get'](path);
    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.body).toMatchObject({ error: 'not_found', message: `No such endpoint: ${method} ${path}`, requestId: expect.any(String) });
    expect(response.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
  });

  it('refuses an unknown or misspelt field, naming it, and changes nothing', async () => {
    const user = await target('misspelt');
    const session = sessionIdOf(await loginAs(user));
    const logout = await helpdesk.post(`/api/realms/${realm}/users/${user.id}/logout`).set('X-CSRF', '1').send({ reason: 'ticket 12', offline: 'yes please' });
    expect(logout.status).toBe(400);
    expect(logout.body.message).toMatch(/offline/);
    const end = await helpdesk.delete(`/api/realms/${realm}/sessions/${session}`).set('X-CSRF', '1').send({ reason: 'ticket 12', user: user.id });
    expect(end.status).toBe(400);
    expect(end.body.message).toMatch(/"user"/);
    expect(await userSessionIds(realm, user.id)).toContain(session);
  });

  it('stores the request id the server generated, never the one the client sent', async () => {
    const user = await target('request-id');
    const session = sessionIdOf(await loginAs(user));
    const forged = 'forged-request-id-0001';
    const ended = await helpdesk
      .delete(`/api/realms/${realm}/sessions/${session}`)
      .set('X-CSRF', '1')
      .set('X-Request-Id', forged)
      .send({ reason: 'ticket 13', userId: user.id });
    expect(ended.status).toBe(200);
    expect(ended.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const [record] = (await test.auditStore.query({ user: user.id, outcome: 'succeeded' })).items;
    expect(record?.requestId).toBe(ended.headers['x-request-id']);
    expect(record?.requestId).not.toBe(forged);
  });

  it("records a refused attempt with its target user, resolved from the session", async () => {
    const auditor = await signedInAs(test, 'auditor');
    const user = await target('refused-target');
    const session = sessionIdOf(await loginAs(user));
    const refused = await auditor.delete(`/api/realms/${realm}/sessions/${session}`).set('X-CSRF', '1').send({ reason: 'auditor tries' });
    expect(refused.status).toBe(403);
    const { items } = await test.auditStore.query({ action: 'session.end', outcome: 'refused' });
    const mine = items.find((record) => record.sessionId === session);
    expect(mine?.targetUser).toEqual({ id: user.id, username: user.username });
  });

  it('rebuilds a realm at most once per interval for unknown session ids, whoever asks', async () => {
    const fresh = createTestApp({ SNAPSHOT_MIN_REBUILD_SECONDS: '3' });
    const browser = await signedInAs(fresh, 'helpdesk');
    const other = await signedInAs(fresh, 'admin');
    const builds = vi.spyOn(fresh.sessions, 'clientStats');
    const end = (agent: Agent, i: number) =>
      agent.delete(`/api/realms/${realm}/sessions/unknown-session-${String(i).padStart(4, '0')}`).set('X-CSRF', '1').send({ reason: 'probe' });
    // 20 lookups from two operators: the first builds the snapshot, and all of them share one rebuild after the interval.
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => end(i % 2 ? other : browser, i)));
    expect(answers.map((answer) => answer.status)).toEqual(Array(20).fill(404));
    expect(builds).toHaveBeenCalledTimes(2);
    // The next unknown id waits for the interval again: still one rebuild more, not one per request.
    const more = await Promise.all(Array.from({ length: 5 }, (_, i) => end(browser, 100 + i)));
    expect(more.map((answer) => answer.status)).toEqual(Array(5).fill(404));
    expect(builds).toHaveBeenCalledTimes(3);
  });

  it('still finds a session started after the last rebuild', async () => {
    const fresh = createTestApp({ SNAPSHOT_MIN_REBUILD_SECONDS: '2' });
    const browser = await signedInAs(fresh, 'helpdesk');
    expect((await browser.get(`/api/realms/${realm}/sessions`)).status).toBe(200);
    const user = await target('new-session');
    const session = sessionIdOf(await loginAs(user));
    const ended = await browser.delete(`/api/realms/${realm}/sessions/${session}`).set('X-CSRF', '1').send({ reason: 'ticket 16' });
    expect(ended.status).toBe(200);
    expect(await userSessionIds(realm, user.id)).not.toContain(session);
  });
});

describe('targets that are not people, and everything at once', () => {
  it("help-desk cannot log out a client's service account, and nobody can log out the console's own", async () => {
    const clientId = `sd-some-integration-${Date.now()}`;
    const created = await adminSend('POST', `${realm}/clients`, { clientId, secret: 'an-integration-secret', publicClient: false, serviceAccountsEnabled: true, standardFlowEnabled: false });
    const uuid = created.headers.get('location')!.split('/').pop()!;
    try {
      const serviceUser = (await (await adminSend('GET', `${realm}/clients/${uuid}/service-account-user`)).json()) as { id: string };
      const test = createTestApp();
      const helpdesk = await signedInAs(test, 'helpdesk');
      const refused = await helpdesk.post(`/api/realms/${realm}/users/${serviceUser.id}/logout`).set('X-CSRF', '1').send({ reason: 'ticket 17' });
      expect(refused.status).toBe(403);
      expect(refused.body.message).toMatch(/service account/);
      const after = (await (await adminSend('GET', `${realm}/users/${serviceUser.id}`)).json()) as { notBefore?: number };
      expect(after.notBefore ?? 0).toBe(0);

      const consoleAccount = (await (await adminSend('GET', `${realm}/clients/${await clientUuid(demoRealm.service.clientId)}/service-account-user`)).json()) as { id: string };
      const admin = await signedInAs(test, 'admin');
      const own = await admin.post(`/api/realms/${realm}/users/${consoleAccount.id}/logout`).set('X-CSRF', '1').send({ reason: 'ticket 18' });
      expect(own.status).toBe(403);
      expect(own.body.message).toMatch(/own service account/);
      const { items } = await test.auditStore.query({ user: consoleAccount.id, outcome: 'refused' });
      expect(items).toHaveLength(1);
    } finally {
      await adminSend('DELETE', `${realm}/clients/${uuid}`);
    }
  });

  it.each([{}, { q: '   ' }])('an admin job whose filter %j sets nothing needs the realm name typed, and ends nothing without it', async (filter) => {
    const test = createTestApp();
    const admin = await signedInAs(test, 'admin');
    const user = await target('unfiltered');
    const session = sessionIdOf(await loginAs(user));
    for (const confirmRealm of [undefined, 'DEMO', 'demo ']) {
      const answer = await admin.post(`/api/realms/${realm}/session-jobs`).set('X-CSRF', '1').send({ reason: 'ticket 19', filter, confirmRealm });
      expect(answer.status).toBe(400);
      expect(answer.body.message).toMatch(/type the realm's name/);
    }
    expect(await userSessionIds(realm, user.id)).toContain(session);
    // Each refusal is in the trail: who asked to end everything in the realm, why, and why it was not done.
    const refused = (await test.auditStore.query({ action: 'bulk.start', outcome: 'refused', limit: 50 })).items;
    expect(refused).toHaveLength(3);
    for (const record of refused) expect(record).toMatchObject({ realm, reason: 'ticket 19', error: expect.stringMatching(/type the realm's name/) });
  });

  it('an admin job whose filter sets something but matches every session (q ".": every address has one) needs the realm name typed too', async () => {
    const test = createTestApp();
    const admin = await signedInAs(test, 'admin');
    const user = await target('matches-all');
    const session = sessionIdOf(await loginAs(user));
    const listed = await admin.get(`/api/realms/${realm}/sessions?q=.&max=1`);
    expect(listed.status).toBe(200);
    expect(listed.body.realmTotal).toBeGreaterThan(0);
    expect(listed.body.total).toBe(listed.body.realmTotal);
    for (const confirmRealm of [undefined, 'DEMO']) {
      const answer = await admin.post(`/api/realms/${realm}/session-jobs`).set('X-CSRF', '1').send({ reason: 'ticket 20', filter: { q: '.' }, confirmRealm });
      expect(answer.status).toBe(400);
      expect(answer.body.message).toMatch(/matches every session of the realm \(\d+ of \d+\): type the realm's name/);
    }
    expect(await userSessionIds(realm, user.id)).toContain(session);
    const refused = (await test.auditStore.query({ action: 'bulk.start', outcome: 'refused', limit: 50 })).items;
    expect(refused).toHaveLength(2);
    for (const record of refused) expect(record).toMatchObject({ reason: 'ticket 20', details: expect.objectContaining({ sessions: expect.any(Number) }) });
  });
});

describe('escalation guard', () => {
  it('fails closed when the service account cannot read the console client: 502 naming the roles, recorded, nothing ended', async () => {
    const clientId = `sd-no-view-clients-${Date.now()}`;
    const secret = 'a-secret-for-the-guard-test';
    const created = await adminSend('POST', `${realm}/clients`, { clientId, secret, publicClient: false, serviceAccountsEnabled: true, standardFlowEnabled: false });
    const uuid = created.headers.get('location')!.split('/').pop()!;
    try {
      const serviceUser = (await (await adminSend('GET', `${realm}/clients/${uuid}/service-account-user`)).json()) as { id: string };
      const management = await clientUuid('realm-management');
      const roles = (await (await adminSend('GET', `${realm}/clients/${management}/roles`)).json()) as Array<{ id: string; name: string }>;
      const wanted = roles.filter((role) => ['view-users', 'query-users', 'manage-users', 'view-realm'].includes(role.name));
      await adminSend('POST', `${realm}/users/${serviceUser.id}/role-mappings/clients/${management}`, wanted);

      const test = createTestApp({ SERVICE_CLIENT_ID: clientId, SERVICE_CLIENT_SECRET: secret });
      const helpdesk = await signedInAs(test, 'helpdesk');
      const user = await target('guard-blind');
      const session = sessionIdOf(await loginAs(user));
      const answer = await helpdesk.delete(`/api/realms/${realm}/sessions/${session}`).set('X-CSRF', '1').send({ reason: 'ticket 14', userId: user.id });
      expect(answer.status).toBe(502);
      expect(answer.body.error).toBe('escalation_guard_unavailable');
      expect(answer.body.message).toMatch(/view-clients/);
      expect(await userSessionIds(realm, user.id)).toContain(session);
      const { items } = await test.auditStore.query({ user: user.id });
      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({ outcome: 'refused', sessionId: session });
      expect(JSON.stringify(items[0])).toMatch(/view-clients/);
    } finally {
      await adminSend('DELETE', `${realm}/clients/${uuid}`);
    }
  });

  it('is checked for each bulk item just before Keycloak is called: a target made admin mid-job keeps the rest', async () => {
    const test = createTestApp({ BULK_CONCURRENCY: '1', SNAPSHOT_MIN_REBUILD_SECONDS: '0' });
    const helpdesk = await signedInAs(test, 'helpdesk');
    const user = await target('promoted-mid-job');
    const sessions = [];
    for (let i = 0; i < 3; i += 1) sessions.push(sessionIdOf(await loginAs(user)));
    const original = test.sessions.deleteSession.bind(test.sessions);
    let calls = 0;
    vi.spyOn(test.sessions, 'deleteSession').mockImplementation(async (...args) => {
      const ended = await original(...args);
      calls += 1;
      // After the first session is ended, Keycloak makes the target a console administrator.
      if (calls === 1) await setConsoleRole(user.id, 'admin');
      return ended;
    });
    const started = await helpdesk
      .post(`/api/realms/${realm}/session-jobs`)
      .set('X-CSRF', '1')
      .send({ reason: 'ticket 15', sessions: sessions.map((id) => ({ id, type: 'regular' })) });
    expect(started.status).toBe(202);
    let job = sessionJobSchema.parse(started.body);
    await waitFor(
      async () => {
        job = sessionJobSchema.parse((await helpdesk.get(`/api/session-jobs/${job.id}`)).body);
        return job.state !== 'running';
      },
      30_000,
      'the job to finish',
    );
    expect(job.items.filter((item) => item.outcome === 'ended')).toHaveLength(1);
    expect(job.items.filter((item) => item.outcome === 'refused')).toHaveLength(2);
    expect(calls).toBe(1);
    expect(await userSessionIds(realm, user.id)).toHaveLength(2);
  });
});
