import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Agent } from 'supertest';
import { demoRealm, type TokenSet } from '@session-desk/keycloak-local';
import {
  logoutUserResponseSchema,
  realmActionResponseSchema,
  sessionListResponseSchema,
  userDetailResponseSchema,
  type SessionListResponse,
  type SessionRow,
  type UserDetailResponse,
} from '@session-desk/contracts';
import { createTestApp } from '../testing/test-app.js';
import { signInThroughKeycloak } from '../testing/keycloak-browser.js';
import { sessionIdOf } from '../testing/end-user-sessions.js';
import { ThrowawayRealm } from '../testing/throwaway-named-realm.js';

const admin = demoRealm.operators.find((o) => o.role === 'admin')!;
const helpdesk = demoRealm.operators.find((o) => o.role === 'helpdesk')!;
const MAIL = 'revocation-mail';
const PORTAL = 'revocation-portal';

/** Keycloak's not-befores count whole seconds: tokens issued in the second of the action still pass. */
const nextSecond = () => new Promise((resolve) => setTimeout(resolve, 1_100));

/**
 * What the console shows and says about sessions after each action that moves a not-before,
 * compared with what Keycloak then does with the real tokens (a refresh at the token endpoint).
 */
describe('sessions Keycloak no longer honours are shown as revoked, or ended', () => {
  let realm: ThrowawayRealm;
  /** Each test's own console, whose realm list is a snapshot kept for an hour (built on its first list request). */
  let desk: ReturnType<typeof createTestApp>;
  /** A help-desk operator signed in to `desk`. */
  let operator: Agent;
  /** The same operator on a console whose realm list is rebuilt on every request (reads the not-befores). */
  let freshLists: Agent;
  /**
   * A realm-list search on `freshLists` from a snapshot built after now: a stale snapshot is served
   * while the next one builds (stale-while-revalidate), so ask until a newer one answers.
   */
  async function rebuiltList(q: string): Promise<SessionListResponse> {
    const since = Date.now();
    for (let attempt = 0; ; attempt += 1) {
      const list = sessionListResponseSchema.parse((await freshLists.get(`${base}/sessions`).query({ q })).body);
      // Begun after `since` (builtAt is when the build finished).
      if (Date.parse(list.snapshot.builtAt) - list.snapshot.buildMs >= since || attempt === 50) return list;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  let base: string;

  beforeAll(async () => {
    realm = await ThrowawayRealm.create({
      name: `i10-revocation-${Date.now()}`,
      clients: [MAIL, PORTAL],
      users: ['ann', 'ben', 'cat', 'dan', 'eve', 'fay', 'gus'].map((username) => ({ username: `${username}.revoke` })),
    });
    freshLists = createTestApp({ MANAGED_REALMS: `demo,${realm.name}`, SNAPSHOT_TTL_SECONDS: '0' }).agent();
    await signInThroughKeycloak(freshLists, helpdesk.username, helpdesk.password);
    base = `/api/realms/${encodeURIComponent(realm.name)}`;
  });

  beforeEach(async () => {
    desk = createTestApp({ MANAGED_REALMS: `demo,${realm.name}`, SNAPSHOT_TTL_SECONDS: '3600' });
    operator = await signedIn(helpdesk);
  });

  afterAll(async () => {
    await realm?.delete();
  });

  async function signedIn(who: { username: string; password: string }): Promise<Agent> {
    const browser = desk.agent();
    await signInThroughKeycloak(browser, who.username, who.password);
    return browser;
  }

  const detail = async (username: string): Promise<UserDetailResponse> =>
    userDetailResponseSchema.parse((await operator.get(`${base}/users/${await realm.userId(username)}`)).body);
  const listed = async (sessionId: string): Promise<SessionRow | undefined> =>
    sessionListResponseSchema.parse((await operator.get(`${base}/sessions`).query({ q: sessionId })).body).items.find((row) => row.id === sessionId);

  /** The console's word on one session next to Keycloak's verdict on its refresh token. */
  async function truth(row: SessionRow | undefined, clientId: string, tokens: TokenSet) {
    const refresh = await realm.refresh(clientId, tokens.refresh_token);
    return { shownAlive: row !== undefined && !row.revoked, keycloakAccepts: refresh.ok, error: refresh.error };
  }

  it('"log out everywhere" without offline: the offline session is reported, listed and shown as revoked, as Keycloak refuses it', async () => {
    const username = 'ann.revoke';
    await realm.login(username, PORTAL);
    const offline = await realm.login(username, MAIL, true);
    // The realm list is built before the action (a snapshot kept for an hour): it must follow the action.
    expect((await listed(sessionIdOf(offline)))?.revoked ?? null).toBeNull();
    await nextSecond();

    const response = await operator
      .post(`${base}/users/${await realm.userId(username)}/logout`)
      .set('X-CSRF', '1')
      .send({ reason: 'revocation test', includeOffline: false });
    expect(response.status, response.text).toBe(200);
    const result = logoutUserResponseSchema.parse(response.body);
    expect(result).toMatchObject({ endedRegular: 1, endedOffline: 0, revokedOffline: 1 });
    expect(result.notBefore).not.toBeNull();

    const page = await detail(username);
    const row = page.offlineSessions.find((session) => session.id === sessionIdOf(offline));
    expect(row?.revoked).toEqual({ by: 'user', at: result.notBefore });
    // Where the user is signed in counts live sessions only: the revoked one is not (loopback logins
    // are "private network"; read on a console with IP location on).
    const located = createTestApp({ MANAGED_REALMS: `demo,${realm.name}`, IP_LOCATION: 'on' }).agent();
    await signInThroughKeycloak(located, helpdesk.username, helpdesk.password);
    const locations = async () => userDetailResponseSchema.parse((await located.get(`${base}/users/${await realm.userId(username)}`)).body).locations;
    expect((await locations())?.privateNetwork ?? 0).toBe(0);
    expect(page.notBefore).toBe(result.notBefore);
    const inList = await listed(sessionIdOf(offline));
    expect(inList?.revoked).toEqual({ by: 'user', at: result.notBefore });

    // Keycloak's verdict, after the console spoke: the offline token is refused; the console agreed.
    expect(await truth(row, MAIL, offline)).toEqual({ shownAlive: false, keycloakAccepts: false, error: 'invalid_grant' });

    // A session started after the logout is alive, and shown so.
    await nextSecond();
    const fresh = await realm.login(username, MAIL, true);
    const after = (await detail(username)).offlineSessions.find((session) => session.id === sessionIdOf(fresh));
    expect(await truth(after, MAIL, fresh)).toEqual({ shownAlive: true, keycloakAccepts: true, error: null });
    expect((await locations())?.privateNetwork).toBe(1);
  });

  it('"log out everywhere" with offline: the offline session is ended and gone', async () => {
    const username = 'ben.revoke';
    const offline = await realm.login(username, MAIL, true);
    await nextSecond();
    const response = await operator
      .post(`${base}/users/${await realm.userId(username)}/logout`)
      .set('X-CSRF', '1')
      .send({ reason: 'revocation test', includeOffline: true });
    const result = logoutUserResponseSchema.parse(response.body);
    expect(result).toMatchObject({ endedRegular: 0, endedOffline: 1, revokedOffline: 0, offlineClients: [MAIL] });
    const page = await detail(username);
    expect(page.offlineSessionsTotal).toBe(0);
    expect(await listed(sessionIdOf(offline))).toBeUndefined();
    expect(await truth(undefined, MAIL, offline)).toMatchObject({ shownAlive: false, keycloakAccepts: false });
  });

  it("a logout done in Keycloak itself (outside the console) shows on the user's page as revoked", async () => {
    const username = 'cat.revoke';
    const offline = await realm.login(username, MAIL, true);
    await nextSecond();
    await realm.send('POST', `users/${await realm.userId(username)}/logout`);
    const row = (await detail(username)).offlineSessions.find((session) => session.id === sessionIdOf(offline));
    expect(row?.revoked?.by).toBe('user');
    expect(await truth(row, MAIL, offline)).toMatchObject({ shownAlive: false, keycloakAccepts: false });
  });

  it('a logout through the Admin API (outside the console) shows the surviving offline session as revoked in the realm list and its search', async () => {
    const username = 'gus.revoke';
    const browser = await realm.login(username, PORTAL);
    const offline = await realm.login(username, MAIL, true);
    expect((await rebuiltList(username)).items.map((row) => [row.id, row.revoked ?? null])).toEqual(
      expect.arrayContaining([
        [sessionIdOf(browser), null],
        [sessionIdOf(offline), null],
      ]),
    );
    await nextSecond();
    // Keycloak's own "logout" (as its admin console does): regular sessions end, offline ones stay listed.
    await realm.send('POST', `users/${await realm.userId(username)}/logout`);
    const notBefore = ((await realm.get(`users/${await realm.userId(username)}`)) as { notBefore: number }).notBefore;

    const byName = await rebuiltList(username);
    expect(byName.items.map((row) => ({ id: row.id, type: row.type, revoked: row.revoked ?? null }))).toEqual([
      { id: sessionIdOf(offline), type: 'offline', revoked: { by: 'user', at: new Date(notBefore * 1000).toISOString() } },
    ]);
    // Counted as revoked, not live, wherever the list gives numbers (the heading, bulk dialogs).
    expect({ total: byName.total, revokedTotal: byName.revokedTotal }).toEqual({ total: 1, revokedTotal: 1 });
    const bySessionId = (await rebuiltList(sessionIdOf(offline))).items.find((row) => row.id === sessionIdOf(offline));
    expect(bySessionId?.revoked?.by).toBe('user');
    expect(await truth(bySessionId, MAIL, offline)).toEqual({ shownAlive: false, keycloakAccepts: false, error: 'invalid_grant' });
  });

  it("a client's not-before (Keycloak's client revocation) revokes its sessions; other clients' stay alive", async () => {
    const username = 'dan.revoke';
    const mail = await realm.login(username, MAIL, true);
    const portal = await realm.login(username, PORTAL, true);
    await nextSecond();
    const uuid = await realm.clientUuid(MAIL);
    const client = (await realm.get(`clients/${uuid}`)) as Record<string, unknown>;
    await realm.send('PUT', `clients/${uuid}`, { ...client, notBefore: Math.floor(Date.now() / 1000) });
    try {
      const page = await detail(username);
      const mailRow = page.offlineSessions.find((session) => session.id === sessionIdOf(mail));
      const portalRow = page.offlineSessions.find((session) => session.id === sessionIdOf(portal));
      expect(mailRow?.revoked?.by).toBe('client');
      expect(await truth(mailRow, MAIL, mail)).toMatchObject({ shownAlive: false, keycloakAccepts: false });
      expect(await truth(portalRow, PORTAL, portal)).toMatchObject({ shownAlive: true, keycloakAccepts: true });
    } finally {
      await realm.send('PUT', `clients/${uuid}`, { ...client, notBefore: 0 });
    }
  });

  it("the realm's \"revoke tokens\": every session is shown revoked, as Keycloak refuses them all", async () => {
    const username = 'eve.revoke';
    const regular = await realm.login(username, PORTAL);
    const offline = await realm.login(username, MAIL, true);
    await nextSecond();
    const operatorAdmin = await signedIn(admin);
    const response = await operatorAdmin.post(`${base}/revoke-tokens`).set('X-CSRF', '1').send({ reason: 'revocation test', confirmRealm: realm.name });
    expect(response.status, response.text).toBe(200);
    const result = realmActionResponseSchema.parse(response.body);

    const page = await detail(username);
    const regularRow = page.sessions.find((session) => session.id === sessionIdOf(regular));
    const offlineRow = page.offlineSessions.find((session) => session.id === sessionIdOf(offline));
    expect(regularRow?.revoked).toEqual({ by: 'realm', at: result.notBefore });
    expect(offlineRow?.revoked).toEqual({ by: 'realm', at: result.notBefore });
    const rebuilt = await rebuiltList(username);
    expect(rebuilt.items.map((row) => row.revoked?.by)).toEqual(['realm', 'realm']);
    expect(await truth(regularRow, PORTAL, regular)).toMatchObject({ shownAlive: false, keycloakAccepts: false });
    expect(await truth(offlineRow, MAIL, offline)).toMatchObject({ shownAlive: false, keycloakAccepts: false });
  });

  it('"sign out everyone": offline sessions end too (Keycloak 26.7), and the console lists none', async () => {
    // The console's hour-long snapshot is built before the session starts.
    expect((await operator.get(`${base}/sessions`)).status).toBe(200);
    await nextSecond();
    const username = 'fay.revoke';
    const offline = await realm.login(username, MAIL, true);
    expect(await listed(sessionIdOf(offline))).toBeUndefined(); // the hour-long snapshot predates it
    const operatorAdmin = await signedIn(admin);
    const response = await operatorAdmin.post(`${base}/logout-all`).set('X-CSRF', '1').send({ reason: 'revocation test', confirmRealm: realm.name });
    expect(response.status, response.text).toBe(200);
    const page = await detail(username);
    expect(page.offlineSessionsTotal).toBe(0);
    const list = sessionListResponseSchema.parse((await operator.get(`${base}/sessions`)).body);
    expect(list.total).toBe(0);
    expect(await truth(undefined, MAIL, offline)).toMatchObject({ shownAlive: false, keycloakAccepts: false });
  });
});
