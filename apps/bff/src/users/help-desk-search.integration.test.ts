import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from 'supertest';
import { demoRealm } from '@session-desk/keycloak-local';
import { adminEventsResponseSchema, auditListResponseSchema, loginEventsResponseSchema, sessionListResponseSchema, userSearchResponseSchema } from '@session-desk/contracts';
import { createTestApp } from '../testing/test-app.js';
import { signInThroughKeycloak } from '../testing/keycloak-browser.js';
import { sessionIdOf } from '../testing/end-user-sessions.js';
import { ThrowawayRealm } from '../testing/throwaway-named-realm.js';

const admin = demoRealm.operators.find((o) => o.role === 'admin')!;
const CRM = 'https://crm.example.com/app';
const PORTAL = 'search-portal';

/** Searching the way help-desk staff search: with what they have at hand, against the real Keycloak. */
describe('help-desk search', () => {
  let realm: ThrowawayRealm;
  let browser: Agent;
  let base: string;
  let crmSession: string;
  let portalSession: string;

  beforeAll(async () => {
    realm = await ThrowawayRealm.create({
      name: `i10-search-${Date.now()}`,
      clients: [CRM, PORTAL],
      users: [
        { username: 'alejandro.search', firstName: 'Alejandro', lastName: 'Brennan', email: 'a.brennan@search.example' },
        { username: 'zoe.search', firstName: 'Zoë', lastName: 'Ortega', email: 'zo@search.example' },
        // Acted on by the tests that end or log out (so the sessions above stay for every search).
        { username: 'alejandro.audit', firstName: 'Alejandro', lastName: 'Audit', email: 'a.audit@search.example' },
        { username: 'yusuf.search', firstName: 'Yusuf', lastName: 'Demir', email: 'yd@search.example' },
      ],
    });
    await realm.send('PUT', 'events/config', {
      eventsEnabled: true,
      eventsListeners: ['jboss-logging'],
      enabledEventTypes: ['LOGIN', 'REFRESH_TOKEN', 'LOGOUT'],
      adminEventsEnabled: true,
      adminEventsDetailsEnabled: false,
    });
    crmSession = sessionIdOf(await realm.login('alejandro.search', CRM));
    const portal = await realm.login('zoe.search', PORTAL);
    portalSession = sessionIdOf(portal);
    expect((await realm.refresh(PORTAL, portal.refresh_token)).ok).toBe(true);

    const test = createTestApp({ MANAGED_REALMS: `demo,${realm.name}`, SNAPSHOT_TTL_SECONDS: '0' });
    browser = test.agent();
    await signInThroughKeycloak(browser, admin.username, admin.password);
    base = `/api/realms/${encodeURIComponent(realm.name)}`;
  });

  afterAll(async () => {
    await realm?.delete();
  });

  const found = async (q: string) =>
    sessionListResponseSchema.parse((await browser.get(`${base}/sessions`).query({ q })).body).items.map((row) => row.id);

  it('finds users as Keycloak matches them, which the Users page says: a name, username or email from its start, anywhere only with *', async () => {
    const users = async (q: string) =>
      userSearchResponseSchema.parse((await browser.get(`${base}/users`).query({ q })).body).items.map((user) => user.username).sort();
    expect(await users('brennan')).toEqual(['alejandro.search']);
    expect(await users('a.brennan@')).toEqual(['alejandro.search']);
    // The middle of an email is not found as typed…
    expect(await users('brennan@search')).toEqual([]);
    // …but is with Keycloak's wildcard.
    expect(await users('*brennan@search')).toEqual(['alejandro.search']);
    expect(await users('*@search.example')).toEqual(['alejandro.audit', 'alejandro.search', 'yusuf.search', 'zoe.search']);
  });

  it.each([
    ['the first name', 'alejandro', 'crm'],
    ['the last name', 'BRENNAN', 'crm'],
    ['first and last name', 'Alejandro Brennan', 'crm'],
    ['a first name with an accent', 'zoë', 'portal'],
    ['the username', 'zoe.search', 'portal'],
    ['the email', 'a.brennan@search', 'crm'],
    ['a client id that is a URL', 'crm.example.com/app', 'crm'],
    ['a plain client id', PORTAL, 'portal'],
  ] as const)('finds a session by %s', async (_what, q, which) => {
    const ids = await found(q);
    const [wanted, other] = which === 'crm' ? [crmSession, portalSession] : [portalSession, crmSession];
    expect(ids).toContain(wanted);
    expect(ids).not.toContain(other);
  });

  it("finds a session by its id (a token's sid or a log line), and by IP", async () => {
    expect(await found(crmSession)).toEqual([crmSession]);
    expect(await found(portalSession.slice(0, 12))).toEqual([portalSession]);
    expect(await found('127.0.0.1')).toEqual(expect.arrayContaining([crmSession, portalSession]));
  });

  it('finds audit records by part of a username, in any case', async () => {
    const userId = await realm.userId('alejandro.audit');
    const session = sessionIdOf(await realm.login('alejandro.audit', CRM));
    const ended = await browser.delete(`${base}/sessions/${session}`).set('X-CSRF', '1').send({ reason: 'search test', userId });
    expect(ended.status, ended.text).toBe(200);
    for (const user of ['alejandro', 'JANDRO.AUD', userId]) {
      const trail = auditListResponseSchema.parse((await browser.get('/api/audit').query({ user, realm: realm.name })).body);
      expect(trail.items.map((record) => record.sessionId), user).toContain(session);
    }
    const none = auditListResponseSchema.parse((await browser.get('/api/audit').query({ user: 'zoe', realm: realm.name })).body);
    expect(none.items).toEqual([]);
  });

  it('shows usernames next to ids in login events, also where Keycloak gives only the id', async () => {
    const zoeId = await realm.userId('zoe.search');
    const refreshes = loginEventsResponseSchema.parse((await browser.get(`${base}/events`).query({ type: 'REFRESH_TOKEN' })).body);
    const refresh = refreshes.items.find((event) => event.userId === zoeId);
    expect(refresh, 'Keycloak recorded the refresh').toBeDefined();
    expect(refresh?.details.username).toBeUndefined();
    expect(refresh?.username).toBe('zoe.search');
  });

  it('shows usernames in admin events: who acted and on which user', async () => {
    const yusufId = await realm.userId('yusuf.search');
    await realm.login('yusuf.search', PORTAL);
    const out = await browser.post(`${base}/users/${yusufId}/logout`).set('X-CSRF', '1').send({ reason: 'search test' });
    expect(out.status, out.text).toBe(200);
    const events = adminEventsResponseSchema.parse((await browser.get(`${base}/admin-events`)).body);
    const logout = events.items.find((event) => event.resourcePath === `users/${yusufId}/logout`);
    expect(logout, 'Keycloak recorded the logout').toBeDefined();
    expect(logout?.resourceUsername).toBe('yusuf.search');
    expect(logout?.authUsername).toBe(`service-account-${demoRealm.service.clientId}`);
  });
});
