import { describe, expect, it, vi } from 'vitest';
import type { Agent } from 'supertest';
import { demoRealm } from '@session-desk/keycloak-local';
import { sessionJobSchema, type SessionJob } from '@session-desk/contracts';
import { createTestApp } from '../testing/test-app.js';
import { holdSessionDeletes } from '../testing/held-deletes.js';
import { demoOperator as operator, signedInAs } from '../testing/keycloak-browser.js';
import { findUserId, logoutUser, userSessionIds } from '../testing/keycloak-admin.js';
import { loginEndUser, reservedEndUser, sessionIdOf } from '../testing/end-user-sessions.js';
import { waitFor } from '@session-desk/test-support';

const realm = demoRealm.realm;


async function sessionsFor(username: string, count: number): Promise<string[]> {
  const clients = demoRealm.apps;
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) ids.push(sessionIdOf(await loginEndUser(username, clients[i % clients.length]!)));
  return ids;
}

/** Waits for the job to stop, bounded only by the test's own timeout (a loaded machine is slow, not wrong). */
async function finished(browser: Agent, jobId: string): Promise<SessionJob> {
  let job: SessionJob | undefined;
  await waitFor(async () => (job = sessionJobSchema.parse((await browser.get(`/api/session-jobs/${jobId}`)).body)).state !== 'running', 25_000, 'the job to stop');
  if (!job) throw new Error('the job was never read');
  return job;
}

describe('bulk session jobs against the real Keycloak', () => {
  it('ends chosen sessions, reports each outcome including ones already gone, and audits every item', async () => {
    const test = createTestApp({ SNAPSHOT_TTL_SECONDS: '0' });
    const user = reservedEndUser(6);
    const ids = await sessionsFor(user, 4);
    const helpdesk = await signedInAs(test, 'helpdesk');
    // One of them ends before the job runs: partial failure, reported as already gone.
    expect((await helpdesk.delete(`/api/realms/${realm}/sessions/${ids[0]}`).set('X-CSRF', '1').send({ reason: 'first one by hand' })).status).toBe(200);

    const started = await helpdesk
      .post(`/api/realms/${realm}/session-jobs`)
      .set('X-CSRF', '1')
      .send({ reason: 'Incident 12: leaked client', sessions: ids.map((id) => ({ id, type: 'regular' })) });
    expect(started.status).toBe(202);
    const job = await finished(helpdesk, sessionJobSchema.parse(started.body).id);
    expect(job).toMatchObject({ state: 'completed', total: 4, done: 4, failed: 0, left: 0 });
    const outcomes = Object.fromEntries(job.items.map((item) => [item.sessionId, item.outcome]));
    expect(outcomes[ids[0]!]).toBe('already-gone');
    for (const id of ids.slice(1)) expect(outcomes[id]).toBe('ended');
    const live = await userSessionIds(realm, await findUserId(realm, user));
    for (const id of ids) expect(live).not.toContain(id);

    const { items: all } = await test.auditStore.query({ jobId: job.id, limit: 50 });
    // Who started it, why and how many: one record of its own, beside each item's.
    const start = all.filter((record) => record.action === 'bulk.start');
    expect(start.map((record) => [record.outcome, record.operator.role, record.reason, record.realm])).toEqual([['succeeded', 'helpdesk', 'Incident 12: leaked client', realm]]);
    expect(start[0]?.details).toMatchObject({ request: 'sessions', sessions: 4 });
    const items = all.filter((record) => record.action !== 'bulk.start');
    expect(items.filter((record) => record.outcome === 'succeeded').map((record) => record.sessionId).sort()).toEqual(ids.slice(1).sort());
    expect(items.every((record) => record.action === 'bulk.item' && record.reason === 'Incident 12: leaked client')).toBe(true);
    expect(items.filter((record) => record.sessionId === ids[0]).map((record) => record.outcome)).toEqual(['failed']);
  });

  it('lets an admin end every session matching a search', async () => {
    const test = createTestApp({ SNAPSHOT_TTL_SECONDS: '0' });
    const user = reservedEndUser(7);
    const ids = await sessionsFor(user, 3);
    const admin = await signedInAs(test, 'admin');
    const started = await admin.post(`/api/realms/${realm}/session-jobs`).set('X-CSRF', '1').send({ reason: 'Compromised account', filter: { q: user } });
    expect(started.status).toBe(202);
    const job = await finished(admin, sessionJobSchema.parse(started.body).id);
    expect(job.state).toBe('completed');
    expect(job.items.map((item) => item.sessionId)).toEqual(expect.arrayContaining(ids));
    expect(job.items.every((item) => item.username === user)).toBe(true);
    expect(await userSessionIds(realm, await findUserId(realm, user))).toEqual([]);
  });

  it('holds help-desk to the per-job limit and never to "all matching"', async () => {
    const test = createTestApp({ HELPDESK_BULK_LIMIT: '2', SNAPSHOT_TTL_SECONDS: '0' });
    const user = reservedEndUser(8);
    const ids = await sessionsFor(user, 3);
    const helpdesk = await signedInAs(test, 'helpdesk');
    const over = await helpdesk.post(`/api/realms/${realm}/session-jobs`).set('X-CSRF', '1').send({ reason: 'too many', sessions: ids.map((id) => ({ id, type: 'regular' })) });
    expect(over.status).toBe(403);
    expect(over.body.message).toMatch(/at most 2 sessions/);
    const matching = await helpdesk.post(`/api/realms/${realm}/session-jobs`).set('X-CSRF', '1').send({ reason: 'everything', filter: { q: user } });
    expect(matching.status).toBe(403);
    expect(await userSessionIds(realm, await findUserId(realm, user))).toEqual(expect.arrayContaining(ids));
    const auditor = await signedInAs(test, 'auditor');
    expect((await auditor.post(`/api/realms/${realm}/session-jobs`).set('X-CSRF', '1').send({ reason: 'auditor', sessions: [{ id: ids[0], type: 'regular' }] })).status).toBe(403);

    // Each refusal of a whole job is one job-level record (not an item without a session).
    const { items: refused } = await test.auditStore.query({ outcome: 'refused', limit: 50 });
    expect(refused.map((record) => [record.action, record.operator.role, record.reason, record.sessionId, record.jobId])).toEqual(
      expect.arrayContaining([
        ['bulk.start', 'helpdesk', 'too many', null, null],
        ['bulk.start', 'helpdesk', 'everything', null, null],
        ['bulk.start', 'auditor', 'auditor', null, null],
      ]),
    );
    expect(refused.filter((record) => record.action === 'bulk.item')).toEqual([]);
  });

  it('records an item already gone when the job starts, linked to the job, even when it is the only one', async () => {
    const test = createTestApp({ SNAPSHOT_TTL_SECONDS: '0' });
    const admin = await signedInAs(test, 'admin');
    const started = await admin.post(`/api/realms/${realm}/session-jobs`).set('X-CSRF', '1').send({ reason: 'test reason', sessions: [{ id: 'nonexistent', type: 'regular' }] });
    expect(started.status).toBe(202);
    const job = await finished(admin, sessionJobSchema.parse(started.body).id);
    expect(job).toMatchObject({ state: 'completed', total: 1, done: 1, failed: 0, left: 0 });
    expect(job.items.map((item) => item.outcome)).toEqual(['already-gone']);

    const { items } = await test.auditStore.query({ jobId: job.id, action: 'bulk.item', limit: 50 });
    expect(items.map((record) => [record.action, record.operator.username, record.sessionId, record.reason, record.outcome, record.error])).toEqual([
      ['bulk.item', operator('admin').username, 'nonexistent', 'test reason', 'failed', 'not found in the realm when the job started'],
    ]);
  });

  it('keeps at most BULK_CONCURRENCY calls in flight toward Keycloak, while more items wait on the audit trail', async () => {
    const test = createTestApp({ SNAPSHOT_TTL_SECONDS: '0', BULK_CONCURRENCY: '2' });
    const ids = await sessionsFor(reservedEndUser(19), 6);
    const deleteSession = test.sessions.deleteSession.bind(test.sessions);
    let inFlight = 0;
    let most = 0;
    // Each delete is held a little, so every slot fills: four items are in progress (two per slot).
    vi.spyOn(test.sessions, 'deleteSession').mockImplementation(async (...args: Parameters<typeof deleteSession>) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      try {
        await new Promise((resolve) => setTimeout(resolve, 50));
        return await deleteSession(...args);
      } finally {
        inFlight -= 1;
      }
    });
    const admin = await signedInAs(test, 'admin');
    const started = await admin.post(`/api/realms/${realm}/session-jobs`).set('X-CSRF', '1').send({ reason: 'concurrency check', sessions: ids.map((id) => ({ id, type: 'regular' })) });
    expect(started.status).toBe(202);
    const job = await finished(admin, sessionJobSchema.parse(started.body).id);
    expect(job).toMatchObject({ state: 'completed', total: 6, done: 6, failed: 0 });
    expect(job.items.every((item) => item.outcome === 'ended')).toBe(true);
    expect(most).toBe(2);
    const { items } = await test.auditStore.query({ jobId: job.id, action: 'bulk.item', limit: 50 });
    expect(items.filter((record) => record.outcome === 'succeeded')).toHaveLength(6);
  });

  it('can be cancelled: what was not reached is skipped and stays alive', async () => {
    const test = createTestApp({ BULK_CONCURRENCY: '1', SNAPSHOT_TTL_SECONDS: '0' });
    const user = reservedEndUser(9);
    const userId = await findUserId(realm, user);
    const ids = await sessionsFor(user, 8);
    const admin = await signedInAs(test, 'admin');
    try {
      const started = sessionJobSchema.parse(
        (await admin.post(`/api/realms/${realm}/session-jobs`).set('X-CSRF', '1').send({ reason: 'cancel me', sessions: ids.map((id) => ({ id, type: 'regular' })) })).body,
      );
      const cancelled = await admin.post(`/api/session-jobs/${started.id}/cancel`).set('X-CSRF', '1');
      expect(cancelled.status).toBe(200);
      const job = await finished(admin, started.id);
      // The cancel may land before the job's end (cancelled) or after it (completed, nothing skipped):
      // either way every item is ended or skipped, the counts say so, and Keycloak agrees item by item.
      expect(['cancelled', 'completed']).toContain(job.state);
      const ended = job.items.filter((item) => item.outcome === 'ended').map((item) => item.sessionId);
      const skipped = job.items.filter((item) => item.outcome === 'skipped').map((item) => item.sessionId);
      expect(ended.length + skipped.length).toBe(8);
      expect(job).toMatchObject({ total: 8, done: ended.length, failed: 0, left: skipped.length });
      if (job.state === 'completed') expect(skipped).toEqual([]);
      const live = await userSessionIds(realm, userId);
      for (const id of skipped) expect(live).toContain(id);
      for (const id of ended) expect(live).not.toContain(id);
    } finally {
      // Leave the reserved user without sessions, whatever happened.
      await logoutUser(realm, userId);
    }
  });

  it('records who cancelled a running job, and which (bulk.cancel); an auditor\'s cancel is refused and recorded; a cancel of a stopped job records nothing', async () => {
    const test = createTestApp({ BULK_CONCURRENCY: '1', SNAPSHOT_TTL_SECONDS: '0' });
    const ids = await sessionsFor(reservedEndUser(22), 3);
    // The first delete waits until the cancel is in, so the job is surely running when it comes.
    const { release } = holdSessionDeletes(test);
    const admin = await signedInAs(test, 'admin');
    const started = sessionJobSchema.parse(
      (await admin.post(`/api/realms/${realm}/session-jobs`).set('X-CSRF', '1').send({ reason: 'cancel me, recorded', sessions: ids.map((id) => ({ id, type: 'regular' })) })).body,
    );
    const auditor = await signedInAs(test, 'auditor');
    expect((await auditor.post(`/api/session-jobs/${started.id}/cancel`).set('X-CSRF', '1')).status).toBe(403);
    const unknownJob = await auditor.post('/api/session-jobs/00000000-0000-4000-8000-000000000000/cancel').set('X-CSRF', '1');
    expect(unknownJob.status).toBe(403);
    expect((await test.auditStore.query({ jobId: '00000000-0000-4000-8000-000000000000', limit: 10 })).items).toEqual([]);
    expect((await admin.post(`/api/session-jobs/${started.id}/cancel`).set('X-CSRF', '1')).status).toBe(200);
    release();
    const job = await finished(admin, started.id);
    expect(job).toMatchObject({ state: 'cancelled', total: 3, done: 1, left: 2 });
    expect((await admin.post(`/api/session-jobs/${started.id}/cancel`).set('X-CSRF', '1')).status).toBe(200);
    const { items } = await test.auditStore.query({ jobId: started.id, action: 'bulk.cancel', limit: 10 });
    expect(items.map((record) => [record.action, record.outcome, record.operator.username, record.realm, record.jobId]).sort()).toEqual([
      ['bulk.cancel', 'refused', operator('auditor').username, realm, started.id],
      ['bulk.cancel', 'succeeded', operator('admin').username, realm, started.id],
    ]);
    for (const record of items) expect(record.details).toMatchObject({ createdBy: operator('admin').username, total: 3 });
    await logoutUser(realm, await findUserId(realm, reservedEndUser(22)));
  });

  it('keeps jobs private to their creator (and admins)', async () => {
    const test = createTestApp();
    const admin = await signedInAs(test, 'admin');
    const user = reservedEndUser(10);
    const [id] = await sessionsFor(user, 1);
    const started = sessionJobSchema.parse(
      (await admin.post(`/api/realms/${realm}/session-jobs`).set('X-CSRF', '1').send({ reason: 'private job', sessions: [{ id, type: 'regular' }] })).body,
    );
    const helpdesk = await signedInAs(test, 'helpdesk');
    expect((await helpdesk.get(`/api/session-jobs/${started.id}`)).status).toBe(404);
    expect((await helpdesk.post(`/api/session-jobs/${started.id}/cancel`).set('X-CSRF', '1')).status).toBe(404);
    await test.jobs.settled(started.id);
  });
});

describe('realm-wide actions', () => {
  it('are refused for help-desk and auditors, and need the typed realm name from an admin', async () => {
    const test = createTestApp();
    for (const role of ['helpdesk', 'auditor'] as const) {
      const browser = await signedInAs(test, role);
      for (const action of ['logout-all', 'revoke-tokens']) {
        const response = await browser.post(`/api/realms/${realm}/${action}`).set('X-CSRF', '1').send({ reason: 'not allowed', confirmRealm: realm });
        expect(response.status).toBe(403);
      }
    }
    const admin = await signedInAs(test, 'admin');
    const mistyped = await admin.post(`/api/realms/${realm}/logout-all`).set('X-CSRF', '1').send({ reason: 'incident', confirmRealm: 'dem' });
    expect(mistyped.status).toBe(400);
    expect(mistyped.body.message).toMatch(/Type the realm's name/);
    expect((await admin.get('/api/me')).status).toBe(200);
    const { items } = await test.auditStore.query({ action: 'realm.logout-all', outcome: 'refused' });
    // Help desk's and the auditor's refusals by role, and the admin's by the name typed wrong.
    expect(items.map((record) => [record.operator.role, record.error?.startsWith("Type the realm's name") ?? false]).sort()).toEqual([
      ['admin', true],
      ['auditor', false],
      ['helpdesk', false],
    ]);
  });
});

describe('a job whose client is gone before it starts', () => {
  it('starts nothing and records no start when the browser gave up waiting (Keycloak slow to list the realm)', async () => {
    const test = createTestApp();
    const admin = await signedInAs(test, 'admin');
    const user = reservedEndUser(33);
    try {
      const sessionId = sessionIdOf(await loginEndUser(user, demoRealm.apps[0]!));
      const refresh = test.snapshots.refresh.bind(test.snapshots);
      let gaveUp = () => undefined as void;
      const clientGone = new Promise<void>((resolve) => (gaveUp = resolve));
      vi.spyOn(test.snapshots, 'refresh').mockImplementation(async (...args) => {
        await clientGone;
        await new Promise((resolve) => setTimeout(resolve, 200));
        return refresh(...args);
      });
      const started = admin
        .post(`/api/realms/${realm}/session-jobs`)
        .set('X-CSRF', '1')
        .timeout(300)
        .send({ reason: 'abandoned job', filter: { q: user } })
        .then(
          () => 'answered',
          (err: { timeout?: number }) => (err.timeout ? 'gave up' : 'failed'),
        );
      expect(await started).toBe('gave up');
      gaveUp();
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const trail = (await test.auditStore.query({ action: 'bulk.start', limit: 50 })).items;
      expect(trail.filter((record) => record.reason === 'abandoned job')).toEqual([]);
      expect(await userSessionIds(realm, await findUserId(realm, user))).toContain(sessionId);
    } finally {
      await logoutUser(realm, await findUserId(realm, user));
    }
  }, 60_000);
});

describe('large bulk jobs', () => {
  it('accept a body naming 1,000 sessions (beyond the small body limit of other routes)', async () => {
    const test = createTestApp();
    const admin = await signedInAs(test, 'admin');
    const sessions = Array.from({ length: 1000 }, (_, i) => ({ id: `missing${String(i).padStart(16, '0')}`, type: 'regular' as const }));
    const started = await admin.post(`/api/realms/${realm}/session-jobs`).set('X-CSRF', '1').send({ reason: 'large job', sessions });
    expect(started.status).toBe(202);
    const job = await finished(admin, sessionJobSchema.parse(started.body).id);
    expect(job.total).toBe(1000);
    expect(job.items.every((item) => item.outcome === 'already-gone')).toBe(true);
  });
});
