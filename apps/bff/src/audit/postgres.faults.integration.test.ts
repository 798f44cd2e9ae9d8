import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from 'supertest';
import { demoRealm } from '@session-desk/keycloak-local';
import { auditVerifyResponseSchema } from '@session-desk/contracts';
import { createTestApp } from '../testing/test-app.js';
import { signInThroughKeycloak } from '../testing/keycloak-browser.js';
import { findUserId, userSessionIds } from '../testing/keycloak-admin.js';
import { loginEndUser, reservedEndUser, sessionIdOf } from '../testing/end-user-sessions.js';
import { PrivatePostgres, postgresBinariesAvailable } from '../testing/private-postgres.js';
import { createAuditStore } from './create-audit-store.js';
import type { AuditStore } from './audit-store.js';

if (!postgresBinariesAvailable) console.warn('[faults] initdb/postgres not found: skipping the PostgreSQL outage tests');

describe.skipIf(!postgresBinariesAvailable)('audit trail in PostgreSQL (DATABASE_URL), with PostgreSQL going away', () => {
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
    const started = Date.now();
    const refused = await end(doomed);
    expect(refused.status).toBe(503);
    expect(refused.body.error).toBe('audit_unavailable');
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(await userSessionIds(realm, await findUserId(realm, user))).toContain(doomed);
    expect((await admin.get('/api/audit')).status).toBe(503);
    expect((await admin.get('/api/me')).status).toBe(200);

    await database.start();
    let status = 0;
    for (let attempt = 0; attempt < 30 && status !== 200; attempt += 1) {
      status = (await end(doomed)).status;
      if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 300));
    }
    expect(status).toBe(200);
    expect(await userSessionIds(realm, await findUserId(realm, user))).not.toContain(doomed);
    const verified = auditVerifyResponseSchema.parse((await admin.get('/api/audit/verify')).body);
    expect(verified.ok).toBe(true);
    const { items } = await store.query({ user, action: 'session.end', outcome: 'succeeded' });
    expect(items.map((record) => record.sessionId)).toEqual(expect.arrayContaining([first, doomed]));
  });
});
