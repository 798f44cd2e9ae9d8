import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from 'supertest';
import { demoRealm } from '@session-desk/keycloak-local';
import {
  apiErrorSchema,
  clientStatsResponseSchema,
  loginEventsResponseSchema,
  logoutUserResponseSchema,
  realmsResponseSchema,
  sessionListResponseSchema,
  userDetailResponseSchema,
  userSearchResponseSchema,
} from '@session-desk/contracts';
import { createTestApp } from '../testing/test-app.js';
import { signInThroughKeycloak } from '../testing/keycloak-browser.js';
import { sessionIdOf } from '../testing/end-user-sessions.js';
import { ThrowawayRealm } from '../testing/throwaway-named-realm.js';

const admin = demoRealm.operators.find((o) => o.role === 'admin')!;
/** A client id that is a URL, as SAML clients and many OIDC setups use. */
const URL_CLIENT = 'https://apps.example.com/portal?tenant=eu#main';
const PLAIN_CLIENT = 'plain-app';

/**
 * Identifiers Keycloak accepts, through every route they appear in: a managed realm whose name
 * has dots (and a space), a client whose client id is a URL, and federated-style user ids.
 */
describe('identifiers Keycloak accepts work everywhere in the console', () => {
  let realm: ThrowawayRealm;
  let browser: Agent;
  let base: string;

  beforeAll(async () => {
    realm = await ThrowawayRealm.create({
      name: `i10.acme ${Date.now()}.eu`,
      clients: [URL_CLIENT, PLAIN_CLIENT],
      users: [{ username: 'alice.ident' }, { username: 'bob.ident' }],
    });
    const test = createTestApp({ MANAGED_REALMS: `demo,${realm.name}`, SNAPSHOT_TTL_SECONDS: '0' });
    browser = test.agent();
    await signInThroughKeycloak(browser, admin.username, admin.password);
    base = `/api/realms/${encodeURIComponent(realm.name)}`;
  });

  afterAll(async () => {
    await realm?.delete();
  });

  it('lists the dotted realm as managed', async () => {
    const body = realmsResponseSchema.parse((await browser.get('/api/realms')).body);
    expect(body.realms.map((r) => r.name)).toContain(realm.name);
  });

  it('lists, filters, counts and ends sessions of a URL client in a dotted realm', async () => {
    const session = sessionIdOf(await realm.login('alice.ident', URL_CLIENT));
    const other = sessionIdOf(await realm.login('alice.ident', PLAIN_CLIENT));

    const all = sessionListResponseSchema.parse((await browser.get(`${base}/sessions`)).body);
    expect(all.items.map((row) => row.id)).toEqual(expect.arrayContaining([session, other]));
    expect(all.items.find((row) => row.id === session)?.clients.map((c) => c.clientId)).toEqual([URL_CLIENT]);

    const filtered = sessionListResponseSchema.parse((await browser.get(`${base}/sessions`).query({ client: URL_CLIENT })).body);
    expect(filtered.items.map((row) => row.id)).toContain(session);
    expect(filtered.items.map((row) => row.id)).not.toContain(other);

    const stats = clientStatsResponseSchema.parse((await browser.get(`${base}/clients/stats`)).body);
    expect(stats.clients.find((c) => c.clientId === URL_CLIENT)?.active).toBeGreaterThanOrEqual(1);

    const userId = await realm.userId('alice.ident');
    const ended = await browser.delete(`${base}/sessions/${session}`).set('X-CSRF', '1').send({ reason: 'identifier test', userId });
    expect(ended.status, ended.text).toBe(200);
    const left = (await realm.get(`users/${userId}/sessions`)) as Array<{ id: string }>;
    expect(left.map((s) => s.id)).not.toContain(session);
    expect(left.map((s) => s.id)).toContain(other);
  });

  it('finds the user, shows the detail and logs them out, offline access of a URL client included', async () => {
    const userId = await realm.userId('bob.ident');
    const offline = await realm.login('bob.ident', URL_CLIENT, true);
    await realm.login('bob.ident', PLAIN_CLIENT);

    const found = userSearchResponseSchema.parse((await browser.get(`${base}/users`).query({ q: 'bob.ident' })).body);
    expect(found.items.map((u) => u.id)).toContain(userId);

    const detail = userDetailResponseSchema.parse((await browser.get(`${base}/users/${encodeURIComponent(userId)}`)).body);
    expect(detail.offlineSessions.map((s) => s.id)).toContain(sessionIdOf(offline));
    expect(detail.offlineSessions[0]?.clients.map((c) => c.clientId)).toEqual([URL_CLIENT]);

    const response = await browser
      .post(`${base}/users/${encodeURIComponent(userId)}/logout`)
      .set('X-CSRF', '1')
      .send({ reason: 'identifier test', includeOffline: true });
    expect(response.status, response.text).toBe(200);
    const result = logoutUserResponseSchema.parse(response.body);
    expect(result.offlineClients).toEqual([URL_CLIENT]);
    expect((await realm.refresh(URL_CLIENT, offline.refresh_token)).ok).toBe(false);
  });

  it('filters login events by a URL client id', async () => {
    await realm.login('alice.ident', URL_CLIENT);
    const events = loginEventsResponseSchema.parse((await browser.get(`${base}/events`).query({ client: URL_CLIENT, type: 'LOGIN' })).body);
    expect(events.enabled).toBe(true);
    expect(events.items.length).toBeGreaterThan(0);
    expect(events.items.every((event) => event.clientId === URL_CLIENT)).toBe(true);
  });

  it.each([
    'f:0b6c3c1e-4b3a-4f6e-9d67-2f1c8e5a9b10:uid=john.smith,ou=People,dc=example,dc=org',
    'f:0b6c3c1e-4b3a-4f6e-9d67-2f1c8e5a9b10:../../../master/users',
    'f:0b6c3c1e-4b3a-4f6e-9d67-2f1c8e5a9b10:50% off #1 ?x=y',
  ])('passes the federated user id %j to Keycloak encoded and answers its 404, not a 400', async (id) => {
    const detail = await browser.get(`${base}/users/${encodeURIComponent(id)}`);
    expect(detail.status, detail.text).toBe(404);
    expect(apiErrorSchema.parse(detail.body).error).toBe('not_found');
    const logout = await browser.post(`${base}/users/${encodeURIComponent(id)}/logout`).set('X-CSRF', '1').send({ reason: 'identifier test' });
    expect(logout.status, logout.text).toBe(404);
  });
});
