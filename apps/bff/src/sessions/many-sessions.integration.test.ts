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

/**
 * A user with thousands of sessions: a script that logs in without ever reusing its tokens. One test,
 * in steps: each step acts on what the one before left (5,000, then 4,500, then none), and making
 * 5,000 sessions for each step alone would triple the file's cost.
 */
describe(`a user with ${SESSIONS.toLocaleString('en')} sessions`, () => {
  let realm: ThrowawayRealm;
  let operator: Agent;
  let base: string;

  beforeAll(async () => {
    realm = await ThrowawayRealm.create({ name: `i10-many-${Date.now()}`, clients: [SCRIPT], users: [{ username: USER }] });
    // The user page and "log out everywhere" read all of the user's sessions in one Admin API call, and
    // Keycloak's user logout ends them one by one (88 s for 4,500 at load average 16 on 2 cores): on a
    // loaded machine such calls outlast the default KEYCLOAK_TIMEOUT_MS (10 s) or the logout's own
    // allowance (sessions-api.ts `logoutUser`), and the BFF answers 504. This file is about paging and
    // counts, not speed (that is `npm run bench`), so its console waits as long as the BFF allows.
    const test = createTestApp({ MANAGED_REALMS: `demo,${realm.name}`, SNAPSHOT_TTL_SECONDS: '0', KEYCLOAK_TIMEOUT_MS: '120000' });
    operator = test.agent();
    await signInThroughKeycloak(operator, admin.username, admin.password);
    base = `/api/realms/${encodeURIComponent(realm.name)}`;
  });

  afterAll(async () => {
    // Keycloak may still be ending sessions of an earlier step (a loaded machine took minutes): keep trying for 5 min.
    const giveUpAt = Date.now() + 300_000;
    for (;;) {
      try {
        await realm?.delete();
        return;
      } catch (err) {
        if (Date.now() > giveUpAt) throw err;
        await new Promise((resolve) => setTimeout(resolve, 5_000));
      }
    }
  }, 360_000);

  /** `SESSIONS` new sessions of USER, made LOGIN_CONCURRENCY at a time: their ids. */
  async function scriptSessions(): Promise<string[]> {
    const created: string[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: LOGIN_CONCURRENCY }, async () => {
        while (next < SESSIONS) {
          next += 1;
          created.push(sessionIdOf(await realm.login(USER, SCRIPT)));
        }
      }),
    );
    return created;
  }

  it(`pages them on the user page, ends ${BULK} in a bulk job, then "log out everywhere" ends the rest (time and size printed)`, { timeout: 1_200_000 }, async () => {
    const created = await scriptSessions();
    const userPath = `${base}/users/${await realm.userId(USER)}`;

    // Step 1: the user page pages the sessions instead of sending them all.
    const started = performance.now();
    const response = await operator.get(userPath);
    const ms = Math.round(performance.now() - started);
    expect(response.status, response.text).toBe(200);
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

    // Step 2: a bulk job ends BULK of them.
    const chosen = created.slice(0, BULK);
    const jobStarted = await operator
      .post(`${base}/session-jobs`)
      .set('X-CSRF', '1')
      .send({ reason: 'script gone wild', sessions: chosen.map((id) => ({ id, type: 'regular' })) });
    expect(jobStarted.status, jobStarted.text).toBe(202);
    const id = sessionJobSchema.parse(jobStarted.body).id;
    // Waits while the job runs, however slow Keycloak is (the test's timeout bounds it).
    let job: SessionJob = sessionJobSchema.parse((await operator.get(`/api/session-jobs/${id}`)).body);
    while (job.state === 'running') {
      await new Promise((resolve) => setTimeout(resolve, 250));
      job = sessionJobSchema.parse((await operator.get(`/api/session-jobs/${id}`)).body);
    }
    expect(job).toMatchObject({ state: 'completed', total: BULK, failed: 0, left: 0 });
    const afterBulk = userDetailResponseSchema.parse((await operator.get(userPath)).body);
    expect(afterBulk.sessionsTotal).toBe(SESSIONS - BULK);

    // Step 3: "log out everywhere" ends every one of the rest.
    const logoutStarted = performance.now();
    const logout = await operator.post(`${userPath}/logout`).set('X-CSRF', '1').send({ reason: 'script gone wild', includeOffline: false });
    expect(logout.status, logout.text).toBe(200);
    console.log(`[measure] log out everywhere, ${SESSIONS - BULK} sessions: ${Math.round(performance.now() - logoutStarted)} ms`);
    expect(logoutUserResponseSchema.parse(logout.body).endedRegular).toBe(SESSIONS - BULK);
    const left = (await realm.get(`users/${await realm.userId(USER)}/sessions`)) as unknown[];
    expect(left).toEqual([]);
    expect(userDetailResponseSchema.parse((await operator.get(userPath)).body).sessionsTotal).toBe(0);
  });
});
