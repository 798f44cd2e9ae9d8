import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Agent } from 'supertest';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { demoRealm } from '@session-desk/keycloak-local';
import { realmActionResponseSchema, sessionListResponseSchema } from '@session-desk/contracts';
import { createTestApp } from '../testing/test-app.js';
import { signInThroughKeycloak } from '../testing/keycloak-browser.js';
import { adminGet } from '../testing/keycloak-admin.js';
import { sessionIdOf } from '../testing/end-user-sessions.js';
import { THROWAWAY_APP, createThrowawayRealm, type ThrowawayRealm } from '../testing/throwaway-realm.js';

/*
 * "Sign out everyone" and "revoke tokens" succeeding, end to end, on a realm this file creates and
 * deletes (never on the shared demo realm). Effects are checked in Keycloak itself: sessions gone,
 * refresh tokens dead, the realm's not-before set, the revocation pushed to a client's admin URL.
 */

function claims(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** Whether a refresh token still works at the realm's token endpoint. */
async function refreshWorks(realm: string, refreshToken: string): Promise<boolean> {
  const response = await fetch(`${inject('keycloakUrl')}/realms/${realm}/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'refresh_token', client_id: THROWAWAY_APP, refresh_token: refreshToken }),
  });
  await response.body?.cancel();
  return response.ok;
}

/** A client's back end that receives Keycloak's pushed revocations (POST <adminUrl>/k_push_not_before). */
class PushReceiver {
  readonly received: Array<{ path: string; body: string }> = [];
  readonly #server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      this.received.push({ path: req.url ?? '', body });
      res.writeHead(204).end();
    });
  });

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/backend`;
  }

  async stop(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}

describe('realm-wide actions succeeding on a throwaway realm', () => {
  const receiver = new PushReceiver();
  const deadAdminUrl = 'http://127.0.0.1:1/backend';
  let pushUrl = '';
  let throwaway: ThrowawayRealm;
  let realm = '';
  const operator = demoRealm.operators.find((o) => o.role === 'admin')!;
  let demoNotBefore: number | undefined;

  beforeAll(async () => {
    pushUrl = await receiver.start();
    throwaway = await createThrowawayRealm({ userCount: 2, adminUrls: [pushUrl, deadAdminUrl] });
    realm = throwaway.realm;
    demoNotBefore = (await adminGet<{ notBefore?: number }>(demoRealm.realm)).notBefore;
  }, 60_000);

  afterAll(async () => {
    await throwaway?.remove();
    await receiver.stop();
    // The shared demo realm was never touched.
    expect((await adminGet<{ notBefore?: number }>(demoRealm.realm)).notBefore).toBe(demoNotBefore);
  });

  /** A desk of this test's own (its own session snapshot and audit trail), with the admin signed in. */
  async function desk(): Promise<{ test: ReturnType<typeof createTestApp>; browser: Agent }> {
    // Operators still sign in at the demo realm; the desk manages both realms.
    const test = createTestApp({ MANAGED_REALMS: `${demoRealm.realm},${realm}` });
    const browser = test.agent();
    await signInThroughKeycloak(browser, operator.username, operator.password);
    return { test, browser };
  }

  async function userId(username: string): Promise<string> {
    const [user] = (await (await throwaway.admin('GET', `users?exact=true&username=${username}`)).json()) as Array<{ id: string }>;
    if (!user) throw new Error(`no user ${username} in ${realm}`);
    return user.id;
  }

  /** Keycloak's own view: the ids of a user's regular sessions and of their offline sessions for the app. */
  async function keycloakSessions(username: string): Promise<{ regular: string[]; offline: string[] }> {
    const id = await userId(username);
    const [app] = (await (await throwaway.admin('GET', `clients?clientId=${THROWAWAY_APP}`)).json()) as Array<{ id: string }>;
    const regular = (await (await throwaway.admin('GET', `users/${id}/sessions`)).json()) as Array<{ id: string }>;
    const offline = (await (await throwaway.admin('GET', `users/${id}/offline-sessions/${app!.id}`)).json()) as Array<{ id: string }>;
    return { regular: regular.map((s) => s.id), offline: offline.map((s) => s.id) };
  }

  it.each(['logout-all', 'revoke-tokens'] as const)('%s with the realm name typed wrong (case, space, look-alike) changes nothing, answers 400 and records each refusal', async (action) => {
    const { test, browser } = await desk();
    const before = await adminGet<{ notBefore?: number }>(realm);
    const [first] = throwaway.users as [string];
    const kept = await throwaway.login(first);
    for (const confirmRealm of [realm.toUpperCase(), `${realm} `, `${realm}\u200b`]) {
      const answer = await browser.post(`/api/realms/${realm}/${action}`).set('X-CSRF', '1').send({ reason: `Incident 504: ${action} typed wrong`, confirmRealm });
      expect(answer.status).toBe(400);
      expect(answer.body.message).toMatch(/Type the realm's name/);
    }
    expect((await adminGet<{ notBefore?: number }>(realm)).notBefore).toBe(before.notBefore);
    expect(await refreshWorks(realm, kept.refresh_token)).toBe(true);
    const refused = (await test.auditStore.query({ action: `realm.${action}`, outcome: 'refused', limit: 50 })).items;
    expect(refused).toHaveLength(3);
    for (const record of refused) expect(record).toMatchObject({ realm, reason: `Incident 504: ${action} typed wrong`, error: expect.stringMatching(/Type the realm's name/) });
  }, 60_000);

  it('signs out everyone: every regular session ends in Keycloak, and the console lists what Keycloak still has', async () => {
    const { test, browser } = await desk();
    const [first, second] = throwaway.users as [string, string];
    const regular = [await throwaway.login(first), await throwaway.login(first), await throwaway.login(second)];
    const offline = await throwaway.login(second, true);
    const before = sessionListResponseSchema.parse((await browser.get(`/api/realms/${realm}/sessions`).query({ max: 100 })).body);
    expect(before.items.map((row) => row.id)).toEqual(expect.arrayContaining(regular.map(sessionIdOf)));

    const response = await browser
      .post(`/api/realms/${realm}/logout-all`)
      .set('X-CSRF', '1')
      .send({ reason: 'Incident 501: sign out everyone', confirmRealm: realm });
    expect(response.status, response.text).toBe(200);
    const result = realmActionResponseSchema.parse(response.body);
    expect(result).toEqual({ realm, action: 'logout-all', notBefore: null, pushedTo: [], pushFailedFor: [], offlineEnded: expect.any(Boolean) });

    // In Keycloak: no regular session left for anyone, and their refresh tokens are dead.
    const after = { first: await keycloakSessions(first), second: await keycloakSessions(second) };
    expect(after.first.regular).toEqual([]);
    expect(after.second.regular).toEqual([]);
    for (const tokens of regular) expect(await refreshWorks(realm, tokens.refresh_token)).toBe(false);
    // Offline sessions: Keycloak 26.7.3 ends them too (the refresh token dies); Keycloak's list agrees.
    const offlineAlive = await refreshWorks(realm, offline.refresh_token);
    expect(after.second.offline.includes(sessionIdOf(offline))).toBe(offlineAlive);
    // What the console answers (and its toast says) about offline sessions is what Keycloak did.
    expect(result.offlineEnded).toBe(!offlineAlive);

    const listed = sessionListResponseSchema.parse((await browser.get(`/api/realms/${realm}/sessions`).query({ max: 100 })).body);
    expect(listed.items.filter((row) => row.type === 'regular')).toEqual([]);

    const { items } = await test.auditStore.query({ action: 'realm.logout-all', outcome: 'succeeded', limit: 500 });
    expect(items.filter((record) => record.reason === 'Incident 501: sign out everyone')).toEqual([
      expect.objectContaining({ realm, operator: expect.objectContaining({ username: operator.username }) }),
    ]);
  }, 60_000);

  it('after signing out everyone, the console lists exactly the offline sessions Keycloak still has', async () => {
    const { browser } = await desk();
    const [, second] = throwaway.users as [string, string];
    const offline = await throwaway.login(second, true);
    const before = sessionListResponseSchema.parse((await browser.get(`/api/realms/${realm}/sessions`).query({ max: 100, type: 'offline' })).body);
    expect(before.items.map((row) => row.id)).toContain(sessionIdOf(offline));

    const response = await browser
      .post(`/api/realms/${realm}/logout-all`)
      .set('X-CSRF', '1')
      .send({ reason: 'Incident 503: offline sessions after sign out everyone', confirmRealm: realm });
    expect(response.status, response.text).toBe(200);

    const inKeycloak = (await keycloakSessions(second)).offline;
    const listed = sessionListResponseSchema.parse((await browser.get(`/api/realms/${realm}/sessions`).query({ max: 100, type: 'offline' })).body);
    expect(listed.items.map((row) => row.id).sort()).toEqual([...inKeycloak].sort());
  }, 60_000);

  it("revokes tokens: the realm's not-before is set in Keycloak, older tokens stop working, the push reaches the client", async () => {
    const { test, browser } = await desk();
    const [first] = throwaway.users as [string];
    const old = await throwaway.login(first);
    // Keycloak refuses tokens issued strictly before not-before (whole seconds): wait for the next second.
    const issuedAt = Number(claims(old.access_token).iat);
    while (Math.floor(Date.now() / 1000) <= issuedAt) await sleep(50);
    expect(await refreshWorks(realm, old.refresh_token)).toBe(true);

    const response = await browser
      .post(`/api/realms/${realm}/revoke-tokens`)
      .set('X-CSRF', '1')
      .send({ reason: 'Incident 502: leaked signing key', confirmRealm: realm });
    expect(response.status, response.text).toBe(200);
    const result = realmActionResponseSchema.parse(response.body);
    expect(result).toMatchObject({ realm, action: 'revoke-tokens', pushedTo: [pushUrl], pushFailedFor: [deadAdminUrl] });
    const notBefore = Date.parse(result.notBefore ?? '') / 1000;
    expect(notBefore).toBeGreaterThan(issuedAt);

    // In Keycloak: the realm's not-before is the one answered, an older token is refused, a new login works.
    expect((await adminGet<{ notBefore: number }>(realm)).notBefore).toBe(notBefore);
    expect(await refreshWorks(realm, old.refresh_token)).toBe(false);
    const fresh = await throwaway.login(first);
    expect(await refreshWorks(realm, fresh.refresh_token)).toBe(true);

    // The push: Keycloak POSTed a signed PUSH_NOT_BEFORE action with that not-before to the client's admin URL.
    const pushes = receiver.received.filter((request) => request.path === '/backend/k_push_not_before');
    expect(pushes).toHaveLength(1);
    expect(claims(pushes[0]!.body)).toMatchObject({ action: 'PUSH_NOT_BEFORE', notBefore, resource: 'throwaway-backend-1' });

    const { items } = await test.auditStore.query({ action: 'realm.revoke-tokens', outcome: 'succeeded', limit: 500 });
    const mine = items.filter((record) => record.reason === 'Incident 502: leaked signing key');
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ realm, reason: 'Incident 502: leaked signing key', details: { notBefore, pushedTo: [pushUrl], pushFailedFor: [deadAdminUrl] } });
  }, 60_000);
});
