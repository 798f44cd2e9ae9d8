import pino from 'pino';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { demoRealm, masterAdminToken } from '@session-desk/keycloak-local';
import { auditVerifyResponseSchema, sessionJobSchema, type SessionJob } from '@session-desk/contracts';
import { createAuditStore } from '../audit/create-audit-store.js';
import type { AuditStore } from '../audit/audit-store.js';
import { createSessionStore, type SessionStoreHandle } from '../auth/session-store.js';
import { createTestApp, testConfig } from '../testing/test-app.js';
import { signInThroughKeycloak } from '../testing/keycloak-browser.js';
import { findUserId, userSessionIds } from '../testing/keycloak-admin.js';
import { loginManySessions, reservedEndUser } from '../testing/end-user-sessions.js';
import { createTestDatabase, runPostgresTests } from '../testing/postgres.js';
import { PrivateRedis, requireRedis } from '@session-desk/test-support';

const realm = demoRealm.realm;
const admin = demoRealm.operators.find((o) => o.role === 'admin')!;

async function logoutEverywhere(userIds: string[]): Promise<void> {
  const keycloak = inject('keycloakUrl');
  const token = await masterAdminToken(keycloak);
  for (const userId of userIds) {
    await fetch(`${keycloak}/admin/realms/${realm}/users/${userId}/logout`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
  }
}

const canRun = requireRedis('the two-instance tests') && runPostgresTests;
if (!canRun) console.warn('[two instances] needs a reachable PostgreSQL: skipping');

describe.skipIf(!canRun)('two BFF instances behind one load balancer (shared Redis and PostgreSQL)', () => {
  const redis = new PrivateRedis();
  let database: { url: string; drop: () => Promise<void> };
  const auditStores: AuditStore[] = [];
  const sessionStores: SessionStoreHandle[] = [];
  let a: ReturnType<typeof createTestApp>;
  let b: ReturnType<typeof createTestApp>;
  const users = [reservedEndUser(16), reservedEndUser(17), reservedEndUser(18)];
  let userIds: string[] = [];

  async function instance(): Promise<ReturnType<typeof createTestApp>> {
    const shared = {
      REDIS_URL: redis.url,
      DATABASE_URL: database.url,
      SESSION_SECRET: 'a-session-secret-shared-by-every-instance',
      BULK_CONCURRENCY: '1',
    };
    const auditStore = createAuditStore({ databaseUrl: database.url, dataDir: '/nonexistent' });
    await auditStore.init();
    auditStores.push(auditStore);
    const sessions = await createSessionStore(testConfig(shared), pino({ level: 'silent' }));
    sessionStores.push(sessions);
    return createTestApp(shared, auditStore, sessions);
  }

  /** The operator signed in through instance `test`: the `sd.sid=…` cookie pair the browser would send. */
  async function signIn(test: ReturnType<typeof createTestApp>): Promise<string> {
    const { cookieAfter } = await signInThroughKeycloak(test.agent(), admin.username, admin.password);
    const cookie = cookieAfter?.split(';')[0] ?? '';
    expect(cookie).toMatch(/^sd\.sid=/);
    return cookie;
  }

  /** A request through one instance with the operator's cookie, as the load balancer would route it. */
  const through = (test: ReturnType<typeof createTestApp>, cookie: string) => ({
    get: (path: string) => request(test.app).get(path).set('Cookie', cookie),
    post: (path: string) => request(test.app).post(path).set('Cookie', cookie).set('X-CSRF', '1'),
    delete: (path: string) => request(test.app).delete(path).set('Cookie', cookie).set('X-CSRF', '1'),
  });

  async function readJob(test: ReturnType<typeof createTestApp>, cookie: string, jobId: string): Promise<SessionJob> {
    const response = await through(test, cookie).get(`/api/session-jobs/${jobId}`);
    if (response.status !== 200) throw new Error(`GET job answered ${response.status}: ${response.text}`);
    return sessionJobSchema.parse(response.body);
  }

  beforeAll(async () => {
    await redis.start();
    database = await createTestDatabase('sd_two_instances');
    a = await instance();
    b = await instance();
    userIds = await Promise.all(users.map((user) => findUserId(realm, user)));
  }, 60_000);

  afterAll(async () => {
    for (const test of [a, b]) await test?.jobStore.close();
    for (const store of auditStores) await store.close();
    for (const handle of sessionStores) await handle.close();
    await redis.destroy();
    await database?.drop();
    if (userIds.length) await logoutEverywhere(userIds);
  });

  it('signs an operator in through one instance and on the other', async () => {
    const cookie = await signIn(a);
    const me = await through(b, cookie).get('/api/me');
    expect(me.status).toBe(200);
    expect(me.body.username).toBe(admin.username);
  });

  it('reports progress of a job started on one instance on the other, which can cancel it', async () => {
    const cookie = await signIn(a);
    const ids = await loginManySessions(users[0]!, 40);
    const started = await through(a, cookie)
      .post(`/api/realms/${realm}/session-jobs`)
      .send({ reason: 'Incident 88: two instances', sessions: ids.map((id) => ({ id, type: 'regular' })) });
    expect(started.status).toBe(202);
    const jobId = sessionJobSchema.parse(started.body).id;

    // Wait until instance b sees progress of the job a runs (or its end, on a fast machine).
    let seen = await readJob(b, cookie, jobId);
    while (seen.state === 'running' && seen.done === 0) seen = await readJob(b, cookie, jobId);
    expect(seen.total).toBe(40);

    const cancelled = await through(b, cookie).post(`/api/session-jobs/${jobId}/cancel`);
    expect(cancelled.status).toBe(200);
    await a.jobs.settled(jobId);
    const job = await readJob(b, cookie, jobId);
    expect(job).toEqual(await readJob(a, cookie, jobId));
    // The cancel lands before the job's end (cancelled) or after it (completed, nothing skipped):
    // either way each item is ended or skipped, and Keycloak and the audit trail agree item by item.
    expect(['cancelled', 'completed']).toContain(job.state);

    const ended = job.items.filter((item) => item.outcome === 'ended').map((item) => item.sessionId);
    const skipped = job.items.filter((item) => item.outcome === 'skipped').map((item) => item.sessionId);
    if (job.state === 'completed') expect(skipped).toEqual([]);
    expect(job).toMatchObject({ done: ended.length, failed: 0, left: skipped.length });
    expect(ended.length + skipped.length).toBe(40);
    const live = new Set(await userSessionIds(realm, userIds[0]!));
    for (const id of skipped) expect(live.has(id), `skipped session ${id} was ended`).toBe(true);
    for (const id of ended) expect(live.has(id), `ended session ${id} is still alive`).toBe(false);
    const { items } = await b.auditStore.query({ jobId, action: 'bulk.item', outcome: 'succeeded', limit: 500 });
    expect(items.map((record) => record.sessionId).sort()).toEqual([...ended].sort());
    // The cancel through instance b is recorded once when it found the job running (always, when it stopped it).
    const cancels = (await a.auditStore.query({ jobId, action: 'bulk.cancel', limit: 10 })).items;
    expect(cancels.length).toBeLessThanOrEqual(1);
    if (job.state === 'cancelled') expect(cancels.map((record) => [record.outcome, record.jobId])).toEqual([['succeeded', jobId]]);
  });

  it('keeps one audit chain when 200 revocations are split across both instances at once', async () => {
    const cookie = await signIn(b);
    const [first, second] = [users[1]!, users[2]!];
    const sessions = [
      ...(await loginManySessions(first, 100)).map((id) => ({ id, userId: userIds[1]! })),
      ...(await loginManySessions(second, 100)).map((id) => ({ id, userId: userIds[2]! })),
    ];
    const responses = await Promise.all(
      sessions.map(({ id, userId }, index) =>
        through(index % 2 === 0 ? a : b, cookie)
          .delete(`/api/realms/${realm}/sessions/${id}`)
          .send({ reason: 'Incident 99: mass revocation', userId }),
      ),
    );
    expect(responses.map((response) => response.status).filter((status) => status !== 200)).toEqual([]);

    const recorded = new Set<string>();
    for (const user of [first, second]) {
      const { items } = await a.auditStore.query({ user, action: 'session.end', outcome: 'succeeded', limit: 500 });
      for (const record of items) recorded.add(record.sessionId ?? '');
      expect(items).toHaveLength(100);
    }
    expect([...recorded].sort()).toEqual(sessions.map((s) => s.id).sort());
    const { items: unknown } = await a.auditStore.query({ action: 'session.end', outcome: 'unknown', limit: 500 });
    expect(unknown).toEqual([]);

    const verified = auditVerifyResponseSchema.parse((await through(b, cookie).get('/api/audit/verify')).body);
    expect(verified).toMatchObject({ ok: true, firstBroken: null });
    expect(verified.checked).toBeGreaterThanOrEqual(400);
    for (const userId of [userIds[1]!, userIds[2]!]) {
      const live = new Set(await userSessionIds(realm, userId));
      expect(sessions.filter((s) => live.has(s.id))).toEqual([]);
    }
  }, 60_000);
});
