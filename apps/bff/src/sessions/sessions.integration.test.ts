import { beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from 'supertest';
import { demoRealm } from '@session-desk/keycloak-local';
import {
  endSessionResponseSchema,
  logoutUserResponseSchema,
  mySessionsResponseSchema,
  realmsResponseSchema,
  sessionListResponseSchema,
  userDetailResponseSchema,
  userSearchResponseSchema,
} from '@session-desk/contracts';
import { createTestApp, keycloakSessionsOf } from '../testing/test-app.js';
import { signInThroughKeycloak } from '../testing/keycloak-browser.js';
import { findUserId, userSessionIds } from '../testing/keycloak-admin.js';
import { loginEndUser, refreshWorks, reservedEndUser, sessionIdOf } from '../testing/end-user-sessions.js';

const realm = demoRealm.realm;
const operator = (role: 'admin' | 'helpdesk' | 'auditor') => demoRealm.operators.find((o) => o.role === role)!;

async function signedIn(role: 'admin' | 'helpdesk' | 'auditor', overrides: Record<string, string> = {}) {
  const test = createTestApp({ SNAPSHOT_TTL_SECONDS: '0', ...overrides });
  const browser = test.agent();
  await signInThroughKeycloak(browser, operator(role).username, operator(role).password);
  return { ...test, browser };
}

const withCsrf = (request: ReturnType<Agent['post']>) => request.set('X-CSRF', '1');

describe('sessions through the BFF against the real Keycloak', () => {
  const user = reservedEndUser(0);
  let userId: string;

  beforeAll(async () => {
    userId = await findUserId(realm, user);
  });

  it('lists the managed realms with what the operator may do there', async () => {
    const { browser } = await signedIn('auditor');
    const body = realmsResponseSchema.parse((await browser.get('/api/realms')).body);
    expect(body.defaultRealm).toBe(realm);
    expect(body.realms).toEqual([expect.objectContaining({ name: realm, isDefault: true })]);
    expect(body.realms[0]?.permissions).not.toContain('sessions:end');
  });

  it('lists and searches real sessions case-insensitively, by username, email and IP, with a total', async () => {
    const portal = await loginEndUser(user, 'demo-portal');
    const mail = await loginEndUser(user, 'demo-mail');
    const { browser } = await signedIn('helpdesk');

    const byName = sessionListResponseSchema.parse((await browser.get(`/api/realms/${realm}/sessions`).query({ q: user.toUpperCase() })).body);
    const ids = byName.items.map((row) => row.id);
    expect(ids).toEqual(expect.arrayContaining([sessionIdOf(portal), sessionIdOf(mail)]));
    expect(byName.total).toBe(byName.items.length);
    expect(byName.items.every((row) => row.username === user)).toBe(true);
    const portalRow = byName.items.find((row) => row.id === sessionIdOf(portal));
    expect(portalRow?.clients.map((client) => client.clientId)).toEqual(['demo-portal']);
    expect(portalRow?.email).toBe(`${user}@example.org`);

    const byEmail = sessionListResponseSchema.parse((await browser.get(`/api/realms/${realm}/sessions`).query({ q: `${user}@EXAMPLE.org` })).body);
    expect(byEmail.items.map((row) => row.id)).toEqual(expect.arrayContaining(ids));

    const byClient = sessionListResponseSchema.parse(
      (await browser.get(`/api/realms/${realm}/sessions`).query({ q: user, client: 'demo-mail' })).body,
    );
    const byClientIds = byClient.items.map((row) => row.id);
    expect(byClientIds).toContain(sessionIdOf(mail));
    expect(byClientIds).not.toContain(sessionIdOf(portal));
    expect(byClient.items.every((row) => row.clients.some((client) => client.clientId === 'demo-mail'))).toBe(true);

    const byIp = sessionListResponseSchema.parse((await browser.get(`/api/realms/${realm}/sessions`).query({ q: '127.0.0', max: 1 })).body);
    expect(byIp.items).toHaveLength(1);
    expect(byIp.total).toBeGreaterThanOrEqual(2);

    // On a console that keeps its snapshot (this one's TTL of 0 lets a rebuild land between two pages on a busy machine).
    const steady = (await signedIn('auditor', { SNAPSHOT_TTL_SECONDS: '3600' })).browser;
    const page2 = sessionListResponseSchema.parse((await steady.get(`/api/realms/${realm}/sessions`).query({ max: 1, first: 1 })).body);
    const page1 = sessionListResponseSchema.parse((await steady.get(`/api/realms/${realm}/sessions`).query({ max: 1, first: 0 })).body);
    expect(page1.items[0]?.id).not.toBe(page2.items[0]?.id);
    // Both pages come from the same snapshot: one build, its time and duration (whole milliseconds).
    expect(page2.snapshot.builtAt).toBe(page1.snapshot.builtAt);
    expect(Number.isInteger(page1.snapshot.buildMs)).toBe(true);
    expect(Number.isNaN(Date.parse(page1.snapshot.builtAt))).toBe(false);
  });

  it('ends one session: gone in Keycloak, its refresh token dead, the user’s other session alive', async () => {
    const doomed = await loginEndUser(user, 'demo-crm');
    const kept = await loginEndUser(user, 'demo-portal');
    const { browser } = await signedIn('helpdesk');
    const response = await withCsrf(browser.delete(`/api/realms/${realm}/sessions/${sessionIdOf(doomed)}`)).send({ reason: 'Lost laptop (ticket 4711)' });
    expect(response.status).toBe(200);
    expect(endSessionResponseSchema.parse(response.body)).toMatchObject({ sessionId: sessionIdOf(doomed), userId, username: user, type: 'regular' });

    const live = await userSessionIds(realm, userId);
    expect(live).not.toContain(sessionIdOf(doomed));
    expect(live).toContain(sessionIdOf(kept));
    expect(await refreshWorks('demo-crm', doomed.refresh_token)).toBe(false);
    expect(await refreshWorks('demo-portal', kept.refresh_token)).toBe(true);

    const listed = sessionListResponseSchema.parse((await browser.get(`/api/realms/${realm}/sessions`).query({ q: user })).body);
    expect(listed.items.map((row) => row.id)).not.toContain(sessionIdOf(doomed));

    const again = await withCsrf(browser.delete(`/api/realms/${realm}/sessions/${sessionIdOf(doomed)}`)).send({ reason: 'Lost laptop (ticket 4711)' });
    expect(again.status).toBe(404);
    expect(again.body.message).toMatch(/already ended/);
  });

  it('ends a session located through the user (the user page path)', async () => {
    const tokens = await loginEndUser(user, 'demo-mobile');
    const { browser } = await signedIn('admin');
    const response = await withCsrf(browser.delete(`/api/realms/${realm}/sessions/${sessionIdOf(tokens)}`)).send({ reason: 'Suspicious IP', userId });
    expect(response.status).toBe(200);
    expect(await userSessionIds(realm, userId)).not.toContain(sessionIdOf(tokens));
  });

  it('logs a user out everywhere, leaving offline sessions unless asked, then ending them too', async () => {
    const other = reservedEndUser(1);
    const otherId = await findUserId(realm, other);
    await loginEndUser(other, 'demo-portal');
    await loginEndUser(other, 'demo-mail');
    const offline = await loginEndUser(other, 'demo-mobile', true);
    const { browser } = await signedIn('helpdesk');

    const detail = userDetailResponseSchema.parse((await browser.get(`/api/realms/${realm}/users/${otherId}`)).body);
    expect(detail.sessions.length).toBeGreaterThanOrEqual(2);
    expect(detail.offlineSessions.map((row) => row.id)).toContain(sessionIdOf(offline));
    expect(detail.allowedActions).toEqual({ endSession: true, logout: true, refusal: null });

    const first = await withCsrf(browser.post(`/api/realms/${realm}/users/${otherId}/logout`)).send({ reason: 'Account compromised' });
    expect(first.status).toBe(200);
    const firstBody = logoutUserResponseSchema.parse(first.body);
    expect(firstBody.endedRegular).toBe(detail.sessions.length);
    expect(firstBody.endedOffline).toBe(0);
    expect(await userSessionIds(realm, otherId)).toEqual([]);
    // Keycloak's user logout leaves the offline session in place (it only moves the user's not-before).
    const between = userDetailResponseSchema.parse((await browser.get(`/api/realms/${realm}/users/${otherId}`)).body);
    expect(between.offlineSessions.map((row) => row.id)).toContain(sessionIdOf(offline));

    const second = await withCsrf(browser.post(`/api/realms/${realm}/users/${otherId}/logout`)).send({ reason: 'Account compromised', includeOffline: true });
    const secondBody = logoutUserResponseSchema.parse(second.body);
    expect(secondBody.endedOffline).toBeGreaterThanOrEqual(1);
    expect(secondBody.offlineClients).toContain('demo-mobile');
    expect(await refreshWorks('demo-mobile', offline.refresh_token)).toBe(false);
    const after = userDetailResponseSchema.parse((await browser.get(`/api/realms/${realm}/users/${otherId}`)).body);
    expect(after.offlineSessions).toEqual([]);
  });

  it('searches users by name and email', async () => {
    const { browser } = await signedIn('auditor');
    const found = userSearchResponseSchema.parse((await browser.get(`/api/realms/${realm}/users`).query({ q: user })).body);
    expect(found.items.map((u) => u.username)).toContain(user);
    const none = userSearchResponseSchema.parse((await browser.get(`/api/realms/${realm}/users`).query({ q: 'no-such-user-zzz' })).body);
    expect(none.items).toEqual([]);
  });

  it('refuses help-desk acting on a Session Desk administrator, and changes nothing', async () => {
    const admin = operator('admin');
    const adminSession = await signedIn('admin');
    const adminId = await findUserId(realm, admin.username);
    // Only this test's own admin session: other files sign the same operator in and out.
    const before = await keycloakSessionsOf(adminSession.sessionStore);
    expect(before).toHaveLength(1);
    expect(await userSessionIds(realm, adminId)).toEqual(expect.arrayContaining(before));

    const { browser } = await signedIn('helpdesk');
    const detail = userDetailResponseSchema.parse((await browser.get(`/api/realms/${realm}/users/${adminId}`)).body);
    expect(detail.user.isConsoleAdmin).toBe(true);
    expect(detail.allowedActions.endSession).toBe(false);
    expect(detail.allowedActions.refusal).toMatch(/administrator/);

    const end = await withCsrf(browser.delete(`/api/realms/${realm}/sessions/${before[0]}`)).send({ reason: 'trying to escalate' });
    expect(end.status).toBe(403);
    expect(end.body.message).toMatch(/administrator/);
    const logout = await withCsrf(browser.post(`/api/realms/${realm}/users/${adminId}/logout`)).send({ reason: 'trying to escalate' });
    expect(logout.status).toBe(403);
    expect(await userSessionIds(realm, adminId)).toEqual(expect.arrayContaining(before));
    expect((await adminSession.browser.get('/api/me')).status).toBe(200);
  });

  it("shows an operator's own sessions, marks the current one, and ends another", async () => {
    const first = await signedIn('helpdesk');
    const second = await signedIn('helpdesk');
    const mine = mySessionsResponseSchema.parse((await second.browser.get('/api/me/sessions')).body);
    const current = mine.items.filter((row) => row.current);
    expect(current).toHaveLength(1);
    const others = mine.items.filter((row) => !row.current);
    expect(others.length).toBeGreaterThanOrEqual(1);

    const refused = await withCsrf(second.browser.delete(`/api/me/sessions/${current[0]!.id}`));
    expect(refused.status).toBe(400);

    const firstCurrent = mySessionsResponseSchema.parse((await first.browser.get('/api/me/sessions')).body).items.find((row) => row.current)!;
    const ended = await withCsrf(second.browser.delete(`/api/me/sessions/${firstCurrent.id}`));
    expect(ended.status).toBe(200);
    const helpdeskId = await findUserId(realm, operator('helpdesk').username);
    expect(await userSessionIds(realm, helpdeskId)).not.toContain(firstCurrent.id);
  });

  it("records an auditor's refused attempt on someone else's session without naming the auditor as its owner (finding 5)", async () => {
    const admin = await signedIn('admin');
    const adminSession = mySessionsResponseSchema.parse((await admin.browser.get('/api/me/sessions')).body).items.find((row) => row.current)!;
    const auditor = await signedIn('auditor');
    const refused = await withCsrf(auditor.browser.delete(`/api/me/sessions/${adminSession.id}`));
    expect(refused.status).toBe(403);
    const { items } = await auditor.auditStore.query({ action: 'own-session.end', outcome: 'refused', limit: 50 });
    expect(items.filter((record) => record.sessionId === adminSession.id)).toEqual([expect.objectContaining({ targetUser: null, reason: null })]);
    expect(await userSessionIds(realm, await findUserId(realm, operator('admin').username))).toContain(adminSession.id);
  });

  it("records help-desk's attempt to end someone else's session as one of their own: refused, naming whose it is, while the answer stays 404", async () => {
    const admin = await signedIn('admin');
    const adminSession = mySessionsResponseSchema.parse((await admin.browser.get('/api/me/sessions')).body).items.find((row) => row.current)!;
    const helpdesk = await signedIn('helpdesk');
    const refused = await withCsrf(helpdesk.browser.delete(`/api/me/sessions/${adminSession.id}`));
    expect(refused.status).toBe(404);
    const adminId = await findUserId(realm, operator('admin').username);
    const { items } = await helpdesk.auditStore.query({ action: 'own-session.end', outcome: 'refused', limit: 50 });
    expect(items.filter((record) => record.sessionId === adminSession.id)).toEqual([
      expect.objectContaining({ operator: expect.objectContaining({ role: 'helpdesk' }), targetUser: { id: adminId, username: operator('admin').username }, reason: null }),
    ]);
    expect(await userSessionIds(realm, adminId)).toContain(adminSession.id);
  });

  it("records an end of a session named under a user it does not belong to as refused, naming whose it is, and answers 404", async () => {
    const admin = await signedIn('admin');
    const adminSession = mySessionsResponseSchema.parse((await admin.browser.get('/api/me/sessions')).body).items.find((row) => row.current)!;
    const helpdesk = await signedIn('helpdesk');
    const helpdeskId = await findUserId(realm, operator('helpdesk').username);
    const adminId = await findUserId(realm, operator('admin').username);
    const refused = await withCsrf(helpdesk.browser.delete(`/api/realms/${realm}/sessions/${adminSession.id}`)).send({ reason: 'aimed through another user', userId: helpdeskId });
    expect(refused.status).toBe(404);
    const { items } = await helpdesk.auditStore.query({ action: 'session.end', outcome: 'refused', limit: 50 });
    expect(items.filter((record) => record.sessionId === adminSession.id)).toEqual([
      expect.objectContaining({ targetUser: { id: adminId, username: operator('admin').username }, reason: 'aimed through another user' }),
    ]);
    expect(await userSessionIds(realm, adminId)).toContain(adminSession.id);
  });
});

