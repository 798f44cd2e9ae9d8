import { describe, expect, it } from 'vitest';
import { demoRealm } from '@session-desk/keycloak-local';
import { sessionJobSchema, type SessionJob } from '@session-desk/contracts';
import { waitFor } from '@session-desk/test-support';
import { appWithKeycloakBehindProxy } from '../testing/keycloak-behind-proxy.js';
import { holdSessionDeletes } from '../testing/held-deletes.js';
import { demoOperator, signedInAs } from '../testing/keycloak-browser.js';
import { findUserId, logoutUser, userSessionIds } from '../testing/keycloak-admin.js';
import { loginEndUser, reservedEndUser, sessionIdOf } from '../testing/end-user-sessions.js';

const realm = demoRealm.realm;

describe('operators while Keycloak cannot be asked and their re-check is due', () => {
  it("answers a read 503, refuses an auditor's action by role and records it, and still lets a running job be cancelled", async () => {
    const { proxy, test, admin } = await appWithKeycloakBehindProxy({ OPERATOR_RECHECK_SECONDS: '1', SNAPSHOT_TTL_SECONDS: '0', BULK_CONCURRENCY: '1' });
    const user = reservedEndUser(24);
    try {
      const auditor = await signedInAs(test, 'auditor');
      const ids: string[] = [];
      for (const client of demoRealm.apps.slice(0, 2)) ids.push(sessionIdOf(await loginEndUser(user, client)));
      // The first delete waits until the cancel is in, so the job is surely running when it comes.
      const { release } = holdSessionDeletes(test);
      const started = await admin.post(`/api/realms/${realm}/session-jobs`).set('X-CSRF', '1').send({ reason: 'cancel while Keycloak is down', sessions: ids.map((id) => ({ id, type: 'regular' })) });
      expect(started.status).toBe(202);
      const jobId = sessionJobSchema.parse(started.body).id;

      await proxy.setMode('refuse');
      // Past OPERATOR_RECHECK_SECONDS: every operator's re-check with Keycloak is due now.
      await new Promise((resolve) => setTimeout(resolve, 1_200));

      // A read fails closed.
      const me = await admin.get('/api/me');
      expect(me.status).toBe(503);
      expect(me.body).toMatchObject({ error: 'keycloak_unavailable' });
      // What the auditor's role refuses needs no word from Keycloak: 403, recorded.
      expect((await auditor.post(`/api/session-jobs/${jobId}/cancel`).set('X-CSRF', '1')).status).toBe(403);
      const userId = ids.length > 0 ? await findUserId(realm, user) : '';
      expect((await auditor.post(`/api/realms/${realm}/users/${userId}/logout`).set('X-CSRF', '1').send({ reason: 'auditor tries while down' })).status).toBe(403);
      // Stopping a job takes power away and asks nothing of Keycloak.
      const cancelled = await admin.post(`/api/session-jobs/${jobId}/cancel`).set('X-CSRF', '1');
      expect(cancelled.status).toBe(200);
      release();
      await test.jobs.settled(jobId);

      await proxy.setMode('forward');
      let job: SessionJob | undefined;
      await waitFor(async () => (job = sessionJobSchema.parse((await admin.get(`/api/session-jobs/${jobId}`)).body)).state !== 'running', 20_000, 'the job to stop');
      expect(job?.state).toBe('cancelled');
      // An operator cancelled it: no stop of Session Desk's own to explain.
      expect(job?.stopReason).toBeNull();
      const trail = (await test.auditStore.query({ limit: 50 })).items;
      const auditorName = demoOperator('auditor').username;
      expect(trail.filter((record) => record.operator.username === auditorName).map((record) => [record.action, record.outcome]).sort()).toEqual([
        ['bulk.cancel', 'refused'],
        ['user.logout', 'refused'],
      ]);
      expect(trail.filter((record) => record.action === 'bulk.cancel' && record.outcome === 'succeeded').map((record) => record.operator.username)).toEqual([demoOperator('admin').username]);
    } finally {
      await proxy.setMode('forward');
      await proxy.stop();
      await logoutUser(realm, await findUserId(realm, user));
    }
  }, 90_000);
});

describe('starting a sign-in while Keycloak cannot be reached', () => {
  it("sends a browser to the signed-out page (keycloak-unavailable) instead of on to a Keycloak that does not answer, and an API client gets 503 JSON; once Keycloak is back, sign-in starts again", async () => {
    // An operator signed in first, so the BFF holds Keycloak's discovery document from before.
    const { proxy, test } = await appWithKeycloakBehindProxy({});
    try {
      await proxy.setMode('refuse');
      const browser = await test.agent().get('/auth/login').set('Accept', 'text/html,*/*;q=0.8');
      expect(browser.status).toBe(302);
      expect(browser.headers.location).toBe('/signed-out?reason=keycloak-unavailable');
      const api = await test.agent().get('/auth/login');
      expect(api.status).toBe(503);
      expect(api.body).toMatchObject({ error: 'keycloak_unavailable', message: expect.any(String) });

      await proxy.setMode('forward');
      const back = await test.agent().get('/auth/login').set('Accept', 'text/html,*/*;q=0.8');
      expect(back.status).toBe(302);
      expect(back.headers.location).toMatch(/\/protocol\/openid-connect\/auth\?/);
    } finally {
      await proxy.setMode('forward');
      await proxy.stop();
    }
  }, 60_000);
});

describe('a destructive call whose answer Keycloak does not give in time', () => {
  it('answers that the outcome is not known (Keycloak may have carried it out) and leaves it unknown in the trail, not failed', async () => {
    const { proxy, test, admin } = await appWithKeycloakBehindProxy({ KEYCLOAK_TIMEOUT_MS: '1500' });
    const user = reservedEndUser(32);
    try {
      const sessionId = sessionIdOf(await loginEndUser(user, demoRealm.apps[0]!));
      const userId = await findUserId(realm, user);
      // The delete itself goes to Keycloak, which ends the session; its answer is what gets lost.
      const deleteSession = test.sessions.deleteSession.bind(test.sessions);
      test.sessions.deleteSession = async (...args) => {
        await proxy.setMode('deaf');
        return deleteSession(...args);
      };
      const answer = await admin.delete(`/api/realms/${realm}/sessions/${sessionId}`).set('X-CSRF', '1').send({ reason: 'lost answer check', userId });
      expect(answer.status).toBe(504);
      expect(answer.body).toMatchObject({ error: 'keycloak_timeout', message: expect.stringMatching(/not known whether it carried this out/) });

      await proxy.setMode('forward');
      expect(await userSessionIds(realm, userId)).not.toContain(sessionId);
      // The attempt stands without an outcome: the trail's 'unknown', not 'failed'.
      const unknown = (await test.auditStore.query({ action: 'session.end', outcome: 'unknown', limit: 50 })).items;
      expect(unknown.filter((record) => record.sessionId === sessionId)).toHaveLength(1);
      const failed = (await test.auditStore.query({ action: 'session.end', outcome: 'failed', limit: 50 })).items;
      expect(failed.filter((record) => record.sessionId === sessionId)).toEqual([]);
    } finally {
      await proxy.setMode('forward');
      await proxy.stop();
      await logoutUser(realm, await findUserId(realm, user));
    }
  }, 60_000);

  it('leaves a bulk item whose answer never came "unknown", counted as not ended and never as "could not be ended", and the trail agrees', async () => {
    const { proxy, test, admin } = await appWithKeycloakBehindProxy({ KEYCLOAK_TIMEOUT_MS: '1500', SNAPSHOT_TTL_SECONDS: '0', BULK_CONCURRENCY: '2' });
    const user = reservedEndUser(34);
    try {
      const ids: string[] = [];
      for (const client of demoRealm.apps.slice(0, 2)) ids.push(sessionIdOf(await loginEndUser(user, client)));
      const userId = await findUserId(realm, user);
      // Both deletes reach Keycloak, which ends the sessions; their answers are what get lost.
      const deleteSession = test.sessions.deleteSession.bind(test.sessions);
      test.sessions.deleteSession = async (...args) => {
        await proxy.setMode('deaf');
        return deleteSession(...args);
      };
      const started = await admin.post(`/api/realms/${realm}/session-jobs`).set('X-CSRF', '1').send({ reason: 'lost answers check', sessions: ids.map((id) => ({ id, type: 'regular' })) });
      expect(started.status).toBe(202);
      const jobId = sessionJobSchema.parse(started.body).id;
      await test.jobs.settled(jobId);
      await proxy.setMode('forward');

      const job = sessionJobSchema.parse((await admin.get(`/api/session-jobs/${jobId}`)).body);
      expect(job.items.map((item) => item.outcome)).toEqual(['unknown', 'unknown']);
      for (const item of job.items) expect(item.error).toMatch(/not known whether it carried this out/);
      expect(job).toMatchObject({ done: 0, failed: 2, left: 0 });
      expect(await userSessionIds(realm, userId)).toEqual([]);
      const records = (await test.auditStore.query({ action: 'bulk.item', jobId, limit: 50 })).items;
      expect(records.map((record) => record.outcome).sort()).toEqual(['unknown', 'unknown']);
    } finally {
      await proxy.setMode('forward');
      await proxy.stop();
      await logoutUser(realm, await findUserId(realm, user));
    }
  }, 60_000);
});
