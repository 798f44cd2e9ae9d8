import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from 'supertest';
import { demoRealm } from '@session-desk/keycloak-local';
import { logoutUserResponseSchema, sessionJobSchema, userDetailResponseSchema, type SessionJob } from '@session-desk/contracts';
import { createTestApp } from '../testing/test-app.js';
import { signInThroughKeycloak } from '../testing/keycloak-browser.js';
import { sessionIdOf } from '../testing/end-user-sessions.js';
import { ThrowawayRealm } from '../testing/throwaway-named-realm.js';

const admin = demoRealm.operators.find((o) => o.role === 'admin')!;
const SCRIPT = 'login-script';
const USER = 'script.user';
const SESSIONS = 5_000;
/** Logins in flight at once: enough to keep Keycloak busy, few enough for two shared cores. */
const LOGIN_CONCURRENCY = 8;
const BULK = 500;

/** A user with thousands of sessions: a script that logs in without ever reusing its tokens. */
describe(`a user with ${SESSIONS.toLocaleString('en')} sessions`, { timeout: 600_000 }, () => {
  let realm: ThrowawayRealm;
  let operator: Agent;
  let base: string;
  let userPath: string;
  const created: string[] = [];

  beforeAll(async () => {
    realm = await ThrowawayRealm.create({ name: `i10-many-${Date.now()}`, clients: [SCRIPT], users: [{ username: USER }] });
    let next = 0;
    await Promise.all(
      Array.from({ length: LOGIN_CONCURRENCY }, async () => {
        while (next < SESSIONS) {
          next += 1;
          created.push(sessionIdOf(await realm.login(USER, SCRIPT)));
        }
      }),
    );
    const test = createTestApp({ MANAGED_REALMS: `demo,${realm.name}`, SNAPSHOT_TTL_SECONDS: '0' });
    operator = test.agent();
    await signInThroughKeycloak(operator, admin.username, admin.password);
    base = `/api/realms/${encodeURIComponent(realm.name)}`;
    userPath = `${base}/users/${await realm.userId(USER)}`;
  }, 600_000);

  afterAll(async () => {
    // Keycloak may still be ending sessions of an earlier step: try a few times.
    for (let attempt = 1; ; attempt += 1) {
      try {
        await realm?.delete();
        return;
      } catch (err) {
        if (attempt >= 5) throw err;
        await new Promise((resolve) => setTimeout(resolve, 5_000));
      }
    }
  }, 60_000);

  it('the user page pages the sessions instead of sending them all (time and size printed)', async () => {
    const started = performance.now();
    const response = await operator.get(userPath);
    const ms = Math.round(performance.now() - started);
    expect(response.status).toBe(200);
    const page = userDetailResponseSchema.parse(response.body);
    expect(page.sessionsTotal).toBe(SESSIONS);
    expect(page.sessions).toHaveLength(100);
    console.log(`[measure] user page, ${SESSIONS} sessions, first page of 100: ${ms} ms, ${Buffer.byteLength(response.text)} bytes`);

    const second = userDetailResponseSchema.parse((await operator.get(userPath).query({ first: 100, max: 100 })).body);
    expect(second.sessions).toHaveLength(100);
    const firstIds = new Set(page.sessions.map((row) => row.id));
    expect(second.sessions.some((row) => firstIds.has(row.id))).toBe(false);
    const last = userDetailResponseSchema.parse((await operator.get(userPath).query({ first: SESSIONS - 30, max: 100 })).body);
    expect(last.sessions).toHaveLength(30);
    for (const row of [...page.sessions, ...second.sessions, ...last.sessions]) expect(created).toContain(row.id);
  });

  it(`a bulk job ends ${BULK} of them`, async () => {
    const chosen = created.slice(0, BULK);
    const started = await operator
      .post(`${base}/session-jobs`)
      .set('X-CSRF', '1')
      .send({ reason: 'script gone wild', sessions: chosen.map((id) => ({ id, type: 'regular' })) });
    expect(started.status, started.text).toBe(202);
    const id = sessionJobSchema.parse(started.body).id;
    let job: SessionJob | undefined;
    for (let i = 0; i < 1_200 && job?.state !== 'completed'; i += 1) {
      job = sessionJobSchema.parse((await operator.get(`/api/session-jobs/${id}`)).body);
      if (job.state !== 'completed') await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(job).toMatchObject({ state: 'completed', total: BULK, failed: 0, left: 0 });
    const page = userDetailResponseSchema.parse((await operator.get(userPath)).body);
    expect(page.sessionsTotal).toBe(SESSIONS - BULK);
  });

  it('"log out everywhere" ends every one of them', async () => {
    const started = performance.now();
    const response = await operator.post(`${userPath}/logout`).set('X-CSRF', '1').send({ reason: 'script gone wild', includeOffline: false });
    expect(response.status, response.text).toBe(200);
    console.log(`[measure] log out everywhere, ${SESSIONS - BULK} sessions: ${Math.round(performance.now() - started)} ms`);
    expect(logoutUserResponseSchema.parse(response.body).endedRegular).toBe(SESSIONS - BULK);
    const left = (await realm.get(`users/${await realm.userId(USER)}/sessions`)) as unknown[];
    expect(left).toEqual([]);
    expect(userDetailResponseSchema.parse((await operator.get(userPath)).body).sessionsTotal).toBe(0);
  });
});
