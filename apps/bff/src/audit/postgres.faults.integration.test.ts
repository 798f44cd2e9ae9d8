import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from 'supertest';
import { demoRealm } from '@session-desk/keycloak-local';
import { auditVerifyResponseSchema } from '@session-desk/contracts';
import { createTestApp } from '../testing/test-app.js';
import { signInThroughKeycloak } from '../testing/keycloak-browser.js';
import { adminGet, findUserId, logoutUser, userSessionIds } from '../testing/keycloak-admin.js';
import { createThrowawayRealm, type ThrowawayRealm } from '../testing/throwaway-realm.js';
import { loginEndUser, reservedEndUser, sessionIdOf } from '../testing/end-user-sessions.js';
import { createAuditStore } from './create-audit-store.js';
import type { AuditStore } from './audit-store.js';
import { PrivatePostgres, requirePostgresBinaries, waitFor } from '@session-desk/test-support';

const canRun = requirePostgresBinaries('the PostgreSQL outage tests');

describe.skipIf(!canRun)('audit trail in PostgreSQL (DATABASE_URL), with PostgreSQL going away', () => {
  const database = new PrivatePostgres();
  let store: AuditStore;
  let admin: Agent;
  let test: ReturnType<typeof createTestApp>;
  const realm = demoRealm.realm;
  const user = reservedEndUser(14);
  // Realm-wide actions are tried on a realm of this file's own, never on the shared demo realm.
  let throwaway: ThrowawayRealm;

  beforeAll(async () => {
    await database.init();
    await database.start();
    throwaway = await createThrowawayRealm({ userCount: 1 });
    store = createAuditStore({ databaseUrl: database.url, dataDir: '/nonexistent' });
    test = createTestApp({ DATABASE_URL: database.url, MANAGED_REALMS: `${realm},${throwaway.realm}` }, store);
    admin = test.agent();
    const operator = demoRealm.operators.find((o) => o.role === 'admin')!;
    await signInThroughKeycloak(admin, operator.username, operator.password);
  }, 120_000);

  afterAll(async () => {
    await store?.close();
    await database.destroy();
    await throwaway?.remove();
    await logoutUser(realm, await findUserId(realm, user));
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

  it('refuses every destructive action with 503 and ends nothing in Keycloak while the database is down', async () => {
    const userId = await findUserId(realm, user);
    const regular = sessionIdOf(await loginEndUser(user, 'demo-crm'));
    const offline = sessionIdOf(await loginEndUser(user, 'demo-portal', true));
    const [throwawayUser] = throwaway.users as [string];
    const throwawayTokens = await throwaway.login(throwawayUser);
    const notBeforeBefore = (await adminGet<{ notBefore?: number }>(throwaway.realm)).notBefore ?? 0;
    // Help-desk with two console sign-ins: the second one's Keycloak session is "one of my own" to end.
    const helpdeskOperator = demoRealm.operators.find((o) => o.role === 'helpdesk')!;
    const helpdesk = test.agent();
    await signInThroughKeycloak(helpdesk, helpdeskOperator.username, helpdeskOperator.password);
    const otherConsole = test.agent();
    await signInThroughKeycloak(otherConsole, helpdeskOperator.username, helpdeskOperator.password);
    const mine = (await helpdesk.get('/api/me/sessions')).body as { items: Array<{ id: string; current: boolean }> };
    const ownOther = mine.items.find((session) => !session.current)?.id;
    expect(ownOther).toBeDefined();

    const reason = 'outage drill: every destructive action';
    const attempts: Array<[string, () => Promise<{ status: number; body: { error?: string } }>]> = [
      ['end a session', () => admin.delete(`/api/realms/${realm}/sessions/${regular}`).set('X-CSRF', '1').send({ reason, userId })],
      ['end an offline session', () => admin.delete(`/api/realms/${realm}/sessions/${offline}`).query({ offline: true }).set('X-CSRF', '1').send({ reason, userId })],
      ['log a user out, offline included', () => admin.post(`/api/realms/${realm}/users/${userId}/logout`).set('X-CSRF', '1').send({ reason, includeOffline: true })],
      ['start a bulk job', () => admin.post(`/api/realms/${realm}/session-jobs`).set('X-CSRF', '1').send({ reason, sessions: [{ id: regular, type: 'regular' }] })],
      ['end one of my own sessions', () => helpdesk.delete(`/api/me/sessions/${ownOther}`).set('X-CSRF', '1')],
      ['sign out everyone', () => admin.post(`/api/realms/${throwaway.realm}/logout-all`).set('X-CSRF', '1').send({ reason, confirmRealm: throwaway.realm })],
      ['revoke tokens', () => admin.post(`/api/realms/${throwaway.realm}/revoke-tokens`).set('X-CSRF', '1').send({ reason, confirmRealm: throwaway.realm })],
    ];

    await database.stop();
    try {
      for (const [name, attempt] of attempts) {
        const response = await attempt();
        // A bulk job's start is recorded before its job is stored, so it too is refused by the audit trail.
        expect({ name, status: response.status, error: response.body.error }).toEqual({ name, status: 503, error: 'audit_unavailable' });
      }
    } finally {
      await database.start();
    }

    // Nothing ended in Keycloak: the user's sessions, the operator's other session, the throwaway realm's.
    expect(await userSessionIds(realm, userId)).toContain(regular);
    const portal = await adminGet<Array<{ id: string }>>(`${realm}/clients?clientId=demo-portal`);
    const offlineSessions = await adminGet<Array<{ id: string }>>(`${realm}/users/${userId}/offline-sessions/${portal[0]!.id}`);
    expect(offlineSessions.map((session) => session.id)).toContain(offline);
    const helpdeskId = await findUserId(realm, helpdeskOperator.username);
    expect(await userSessionIds(realm, helpdeskId)).toContain(ownOther);
    const throwawayUserId = ((await (await throwaway.admin('GET', `users?exact=true&username=${throwawayUser}`)).json()) as Array<{ id: string }>)[0]!.id;
    const throwawaySessions = (await (await throwaway.admin('GET', `users/${throwawayUserId}/sessions`)).json()) as Array<{ id: string }>;
    expect(throwawaySessions.map((session) => session.id)).toContain(sessionIdOf(throwawayTokens));
    expect((await adminGet<{ notBefore?: number }>(throwaway.realm)).notBefore ?? 0).toBe(notBeforeBefore);

    await otherConsole.post('/auth/logout').set('X-CSRF', '1');
  }, 120_000);
});
