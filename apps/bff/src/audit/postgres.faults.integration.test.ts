import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from 'supertest';
import { demoRealm } from '@session-desk/keycloak-local';
import { auditVerifyResponseSchema } from '@session-desk/contracts';
import { createTestApp } from '../testing/test-app.js';
import { signInThroughKeycloak } from '../testing/keycloak-browser.js';
import { findUserId, userSessionIds } from '../testing/keycloak-admin.js';
import { loginEndUser, reservedEndUser, sessionIdOf } from '../testing/end-user-sessions.js';
import { PrivatePostgres, requirePostgresBinaries } from '../testing/private-postgres.js';
import { waitFor } from '../testing/free-port.js';
import { createAuditStore } from './create-audit-store.js';
import type { AuditStore } from './audit-store.js';

const canRun = requirePostgresBinaries('the PostgreSQL outage tests');

describe.skipIf(!canRun)('audit trail in PostgreSQL (DATABASE_URL), with PostgreSQL going away', () => {
  const database = new PrivatePostgres();
  let store: AuditStore;
  let admin: Agent;
  let test: ReturnType<typeof createTestApp>;
  const realm = demoRealm.realm;
  const user = reservedEndUser(14);

  beforeAll(async () => {
    await database.init();
    await database.start();
    store = createAuditStore({ databaseUrl: database.url, dataDir: '/nonexistent' });
    test = createTestApp({ DATABASE_URL: database.url }, store);
    admin = test.agent();
    const operator = demoRealm.operators.find((o) => o.role === 'admin')!;
    await signInThroughKeycloak(admin, operator.username, operator.password);
  }, 120_000);

  afterAll(async () => {
    await store?.close();
    await database.destroy();
  });

  const end = (sessionId: string) =>
    admin.delete(`/api/realms/${realm}/sessions/${sessionId}`).set('X-CSRF', '1').send({ reason: 'outage drill', userId: undefined });

  it('refuses destructive actions with 503 and ends nothing while the database is down, then recovers without a restart', async () => {
    const first = sessionIdOf(await loginEndUser(user, 'demo-portal'));
    expect((await end(first)).status).toBe(200);

    await database.stop();
    const doomed = sessionIdOf(await loginEndUser(user, 'demo-mail'));
    const refused = await end(doomed);
    expect(refused.status).toBe(503);
    expect(refused.body).toMatchObject({ error: 'audit_unavailable', message: expect.any(String) });
    expect(await userSessionIds(realm, await findUserId(realm, user))).toContain(doomed);
    expect((await admin.get('/api/audit')).status).toBe(503);
    expect((await admin.get('/api/me')).status).toBe(200);

    await database.start();
    // The pool reconnects on its own: retry the end until it is accepted (bounded by the test timeout).
    let status = 0;
    await waitFor(async () => (status = (await end(doomed)).status) === 200, 30_000, 'the end to be accepted with PostgreSQL back');
    expect(status).toBe(200);
    expect(await userSessionIds(realm, await findUserId(realm, user))).not.toContain(doomed);
    const verified = auditVerifyResponseSchema.parse((await admin.get('/api/audit/verify')).body);
    expect(verified.ok).toBe(true);
    const { items } = await store.query({ user, action: 'session.end', outcome: 'succeeded' });
    expect(items.map((record) => record.sessionId)).toEqual(expect.arrayContaining([first, doomed]));
  }, 90_000);
});
