import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoRealm } from '@session-desk/keycloak-local';
import { auditListResponseSchema, auditVerifyResponseSchema } from '@session-desk/contracts';
import { createTestApp } from '../testing/test-app.js';
import { demoOperator as operator, signedInAs } from '../testing/keycloak-browser.js';
import { findUserId, userSessionIds } from '../testing/keycloak-admin.js';
import { loginEndUser, reservedEndUser, sessionIdOf } from '../testing/end-user-sessions.js';
import { createTestDatabase, runPostgresTests } from '../testing/postgres.js';
import { createAuditStore, sqliteAuditFile } from './create-audit-store.js';
import type { AuditStore } from './audit-store.js';

const realm = demoRealm.realm;


function auditTrailSuite(name: string, storeFor: () => Promise<AuditStore | undefined>, slot: number) {
  describe(`audit trail of destructive actions (${name})`, () => {
    let test: ReturnType<typeof createTestApp>;
    const user = reservedEndUser(slot);

    beforeAll(async () => {
      test = createTestApp({}, await storeFor());
    });

    /** Help-desk ends a fresh session of `user` with `reason`: this test's own records, whatever ran before. */
    async function endOne(reason: string): Promise<string> {
      const sessionId = sessionIdOf(await loginEndUser(user, 'demo-mail'));
      const helpdesk = await signedInAs(test, 'helpdesk');
      expect((await helpdesk.delete(`/api/realms/${realm}/sessions/${sessionId}`).set('X-CSRF', '1').send({ reason })).status).toBe(200);
      return sessionId;
    }

    it('records one succeeded entry with the operator and reason for an ended session', async () => {
      const tokens = await loginEndUser(user, 'demo-portal');
      const helpdesk = await signedInAs(test, 'helpdesk');
      const sessionId = sessionIdOf(tokens);
      const ended = await helpdesk.delete(`/api/realms/${realm}/sessions/${sessionId}`).set('X-CSRF', '1').send({ reason: 'Ticket 99: lost phone' });
      expect(ended.status).toBe(200);

      const { items } = await test.auditStore.query({ user, action: 'session.end' });
      const mine = items.filter((record) => record.sessionId === sessionId);
      expect(mine).toHaveLength(1);
      expect(mine[0]).toMatchObject({
        outcome: 'succeeded',
        reason: 'Ticket 99: lost phone',
        realm,
        operator: { username: operator('helpdesk').username, role: 'helpdesk' },
        targetUser: { username: user },
        requestId: ended.headers['x-request-id'],
      });
    });

    it('records a refused attempt by an auditor and by help-desk on an administrator', async () => {
      const auditor = await signedInAs(test, 'auditor');
      const refused = await auditor.post(`/api/realms/${realm}/users/${await findUserId(realm, user)}/logout`).set('X-CSRF', '1').send({ reason: 'curious auditor' });
      expect(refused.status).toBe(403);
      const adminId = await findUserId(realm, operator('admin').username);
      const helpdesk = await signedInAs(test, 'helpdesk');
      const guarded = await helpdesk.post(`/api/realms/${realm}/users/${adminId}/logout`).set('X-CSRF', '1').send({ reason: 'escalation attempt' });
      expect(guarded.status).toBe(403);

      const { items } = await test.auditStore.query({ outcome: 'refused' });
      expect(items).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ reason: 'curious auditor', operator: expect.objectContaining({ role: 'auditor' }), action: 'user.logout' }),
          expect.objectContaining({ reason: 'escalation attempt', targetUser: { id: adminId, username: operator('admin').username } }),
        ]),
      );
    });

    it('shows help-desk only their own entries, whatever they filter for', async () => {
      const sessionId = await endOne('Ticket 101: own entries');
      const helpdesk = await signedInAs(test, 'helpdesk');
      const helpdeskId = await findUserId(realm, operator('helpdesk').username);
      const response = await helpdesk.get('/api/audit').query({ operator: operator('auditor').username });
      expect(response.status).toBe(200);
      expect(auditListResponseSchema.parse(response.body).items).toEqual([]);
      const own = auditListResponseSchema.parse((await helpdesk.get('/api/audit')).body);
      expect(own.items.map((record) => record.sessionId)).toContain(sessionId);
      expect(own.items.every((record) => record.operator.id === helpdeskId)).toBe(true);
      expect((await helpdesk.get('/api/audit/verify')).status).toBe(403);
    });

    it('exports the filtered trail as CSV and JSON lines', async () => {
      const sessionId = await endOne('Ticket 102: export');
      const auditor = await signedInAs(test, 'auditor');
      const csv = await auditor.get('/api/audit/export').query({ format: 'csv', user });
      expect(csv.status).toBe(200);
      expect(csv.headers['content-type']).toMatch(/text\/csv/);
      expect(csv.headers['content-disposition']).toMatch(/attachment; filename="audit-.*\.csv"/);
      expect(csv.text.split('\r\n').find((row) => row.includes(sessionId))).toContain('Ticket 102: export');
      const jsonl = await auditor.get('/api/audit/export').query({ format: 'jsonl', action: 'session.end' });
      const lines = jsonl.text.trim().split('\n').map((line) => JSON.parse(line) as { action: string; sessionId: string | null; reason: string | null });
      expect(lines.find((line) => line.sessionId === sessionId)).toMatchObject({ reason: 'Ticket 102: export' });
      expect(lines.every((line) => line.action === 'session.end')).toBe(true);
    });

    it('verifies the hash chain', async () => {
      const auditor = await signedInAs(test, 'auditor');
      const before = auditVerifyResponseSchema.parse((await auditor.get('/api/audit/verify')).body).checked;
      await endOne('Ticket 103: chain');
      const verified = auditVerifyResponseSchema.parse((await auditor.get('/api/audit/verify')).body);
      expect(verified).toMatchObject({ ok: true, firstBroken: null });
      // This test's end added its attempt and its outcome to the chain.
      expect(verified.checked).toBe(before + 2);
    });
  });
}

auditTrailSuite('embedded SQLite', async () => undefined, 2);

describe.skipIf(!runPostgresTests)('with PostgreSQL', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let store: AuditStore;
  beforeAll(async () => {
    database = await createTestDatabase('sd_audit_it');
    store = createAuditStore({ databaseUrl: database.url, dataDir: '/nonexistent' });
  });
  afterAll(async () => {
    await store.close();
    await database.drop();
  });
  auditTrailSuite('PostgreSQL', async () => store, 3);
});

describe('fail closed', () => {
  it.each([
    ['a PostgreSQL that is down', () => createAuditStore({ databaseUrl: 'postgres://postgres@127.0.0.1:1/none', dataDir: '/nonexistent' })],
    ['a closed SQLite store', () => undefined],
  ])('with %s, an end-session answers 503 and the session survives in Keycloak', async (_name, makeStore) => {
    const store = makeStore();
    const test = createTestApp({}, store);
    if (!store) await test.auditStore.close();
    const user = reservedEndUser(4);
    const tokens = await loginEndUser(user, 'demo-crm');
    const admin = await signedInAs(test, 'admin');
    const response = await admin.delete(`/api/realms/${realm}/sessions/${sessionIdOf(tokens)}`).set('X-CSRF', '1').send({ reason: 'should not happen' });
    expect(response.status).toBe(503);
    expect(response.body.error).toBe('audit_unavailable');
    expect(await userSessionIds(realm, await findUserId(realm, user))).toContain(sessionIdOf(tokens));
  });
});

describe('tamper evidence through the API', () => {
  it('reports the first broken link after a record is edited behind the app', async () => {
    const test = createTestApp();
    const user = reservedEndUser(5);
    const admin = await signedInAs(test, 'admin');
    for (const client of ['demo-portal', 'demo-mail']) {
      const tokens = await loginEndUser(user, client);
      expect((await admin.delete(`/api/realms/${realm}/sessions/${sessionIdOf(tokens)}`).set('X-CSRF', '1').send({ reason: `end ${client}` })).status).toBe(200);
    }
    expect(auditVerifyResponseSchema.parse((await admin.get('/api/audit/verify')).body).ok).toBe(true);

    const db = new DatabaseSync(sqliteAuditFile(test.config.dataDir));
    const target = db.prepare("SELECT seq FROM audit_records WHERE reason = 'end demo-mail' ORDER BY seq LIMIT 1").get() as { seq: number };
    db.exec('DROP TRIGGER audit_records_no_update');
    db.prepare('UPDATE audit_records SET reason = ? WHERE seq = ?').run('nothing to see here', target.seq);
    db.close();

    const broken = auditVerifyResponseSchema.parse((await admin.get('/api/audit/verify')).body);
    expect(broken.ok).toBe(false);
    expect(broken.firstBroken?.seq).toBe(target.seq);
  });
});
