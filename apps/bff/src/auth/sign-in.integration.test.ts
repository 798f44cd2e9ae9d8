import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { demoRealm } from '@session-desk/keycloak-local';
import { meResponseSchema } from '@session-desk/contracts';
import { permissionsFor } from '../policy/permissions.js';
import { createTestApp, keycloakSessionsOf, storedSessionCount } from '../testing/test-app.js';
import { signInThroughKeycloak } from '../testing/keycloak-browser.js';
import { findUserId, logoutUser, userSessionIds } from '../testing/keycloak-admin.js';
import { reservedEndUser } from '../testing/end-user-sessions.js';

const realm = demoRealm.realm;

describe('operator sign-in against the real Keycloak', () => {
  it('answers 401 JSON on /api without a session', async () => {
    const { app } = createTestApp();
    const response = await request(app).get('/api/me');
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ error: 'unauthenticated' });
    expect(typeof response.body.message).toBe('string');
  });

  it.each(demoRealm.operators.map((operator) => [operator.username, operator] as const))(
    '%s signs in and /api/me shows their role and permissions',
    async (_name, operator) => {
      const { agent } = createTestApp();
      const browser = agent();
      const result = await signInThroughKeycloak(browser, operator.username, operator.password, { returnTo: '/sessions?q=x' });
      expect(result.landedOn).toBe('/sessions?q=x');
      const me = await browser.get('/api/me');
      expect(me.status).toBe(200);
      const body = meResponseSchema.parse(me.body);
      expect(body.username).toBe(operator.username);
      expect(body.roles).toEqual([operator.role]);
      expect(body.primaryRole).toBe(operator.role);
      expect(body.permissions).toEqual(permissionsFor([operator.role]));
      expect(body.name).toBe(`${operator.firstName} ${operator.lastName}`);
      // The Keycloak session behind this sign-in, as Keycloak itself lists it for the operator.
      expect(body.currentSessionId).not.toBeNull();
      expect(await userSessionIds(realm, await findUserId(realm, operator.username))).toContain(body.currentSessionId);
      expect(JSON.stringify(me.body)).not.toMatch(/eyJ/); // no token (JWTs start with eyJ) reaches the browser
    },
  );

  it.each([
    // [SESSION_IDLE_MINUTES, SESSION_ABSOLUTE_HOURS, which limit ends the session first, minutes from now]
    ['30', '8', 'idle', 30],
    ['30', '0.25', 'absolute', 15],
  ] as const)('/api/me says when the console session ends and by which limit (idle %s min, absolute %s h)', async (idle, absolute, by, minutes) => {
    const { agent } = createTestApp({ SESSION_IDLE_MINUTES: idle, SESSION_ABSOLUTE_HOURS: absolute });
    const browser = agent();
    const operator = demoRealm.operators[0]!;
    const signedInAt = Date.now();
    await signInThroughKeycloak(browser, operator.username, operator.password);
    const body = meResponseSchema.parse((await browser.get('/api/me')).body);
    expect(body.sessionExpiresBy).toBe(by);
    const endsInMs = Date.parse(body.sessionExpiresAt) - signedInAt;
    expect(endsInMs).toBeGreaterThan(minutes * 60_000 - 5_000);
    expect(endsInMs).toBeLessThan(minutes * 60_000 + 30_000);
  });

  it('stores nothing before sign-in, issues a new session id at sign-in and sets safe cookie flags', async () => {
    const { agent, sessionStore } = createTestApp();
    const browser = agent();
    const operator = demoRealm.operators[0]!;
    // A session id planted by an attacker before sign-in (fixation) is never adopted.
    const planted = 'sd.sid=s%3Aplanted-by-attacker.signature';
    browser.jar.setCookie(planted, 'localhost', '/');
    const result = await signInThroughKeycloak(browser, operator.username, operator.password);
    expect(result.cookieBefore).toBeUndefined();
    expect(result.loginCookie).toMatch(/HttpOnly/);
    expect(result.loginCookie).toMatch(/SameSite=Lax/);
    expect(result.loginCookie).toMatch(/Max-Age=600/);
    expect(result.cookieAfter).toBeDefined();
    expect(result.cookieAfter?.split(';')[0]).not.toBe(planted);
    expect(result.cookieAfter).toMatch(/HttpOnly/);
    expect(result.cookieAfter).toMatch(/SameSite=Lax/);
    expect(result.cookieAfter).not.toMatch(/Secure/);
    expect(await storedSessionCount(sessionStore)).toBe(1);
  });

  it.each(['//evil.example/x', '/.//evil.example/phish', '/%2e%2e//evil.example/phish'])(
    'sends the unsafe returnTo %s to the home page after a real sign-in',
    async (returnTo) => {
      const { agent } = createTestApp();
      const operator = demoRealm.operators[1]!;
      const result = await signInThroughKeycloak(agent(), operator.username, operator.password, { returnTo });
      expect(result.landedOn).toBe('/');
    },
  );

  it('refuses sign-out without the anti-forgery header and stays signed in', async () => {
    const { agent } = createTestApp();
    const browser = agent();
    const operator = demoRealm.operators[2]!;
    await signInThroughKeycloak(browser, operator.username, operator.password);
    const refused = await browser.post('/auth/logout');
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ error: 'csrf_rejected' });
    expect((await browser.get('/api/me')).status).toBe(200);
  });

  it('signs out: ends the console session and the Keycloak session server-side', async () => {
    const { agent, sessionStore } = createTestApp();
    const browser = agent();
    const operator = demoRealm.operators[0]!;
    const userId = await findUserId(realm, operator.username);
    await signInThroughKeycloak(browser, operator.username, operator.password);
    // The Keycloak session behind this console session (other test files sign the same operator in).
    const created = await keycloakSessionsOf(sessionStore);
    expect(created).toHaveLength(1);
    expect(await userSessionIds(realm, userId)).toContain(created[0]);

    const response = await browser.post('/auth/logout').set('X-CSRF', '1');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ redirectTo: '/signed-out', keycloakSessionEnded: true });
    expect((await browser.get('/api/me')).status).toBe(401);
    expect(await userSessionIds(realm, userId)).not.toContain(created[0]);
  });

  it('answers 400 to a callback with a wrong state and creates no session', async () => {
    const { agent } = createTestApp();
    const browser = agent();
    const operator = demoRealm.operators[1]!;
    const { callbackPath } = await signInThroughKeycloak(browser, operator.username, operator.password, { stopBeforeCallback: true });
    const forged = callbackPath.replace(/state=[^&]+/, 'state=forged');
    const response = await browser.get(forged);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: 'bad_request' });
    expect((await browser.get('/api/me')).status).toBe(401);
  });

  it('answers 400 to a replayed callback', async () => {
    const { agent } = createTestApp();
    const browser = agent();
    const operator = demoRealm.operators[1]!;
    const first = await signInThroughKeycloak(browser, operator.username, operator.password);
    const attacker = agent();
    expect((await attacker.get(first.callbackPath)).status).toBe(400);
    expect((await attacker.get('/api/me')).status).toBe(401);
    expect((await browser.get(first.callbackPath)).status).toBe(400);
  });

  it('answers 400 to a callback that no sign-in started', async () => {
    const { app } = createTestApp();
    const response = await request(app).get('/auth/callback?code=abc&state=def');
    expect(response.status).toBe(400);
    expect(response.body.error).toBe('bad_request');
  });

  // A browser navigates to /auth/login and /auth/callback: a failure there sends it to the signed-out
  // page, which says why, where an API client (no Accept: text/html) keeps the JSON error above.
  const asBrowser = { Accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };

  it('sends a browser whose callback no sign-in started to the signed-out page (sign-in-expired)', async () => {
    const { app } = createTestApp();
    const response = await request(app).get('/auth/callback?code=abc&state=def').set(asBrowser);
    expect(response.status).toBe(302);
    expect(response.headers.location).toBe('/signed-out?reason=sign-in-expired');
  });

  it('sends a browser whose replayed callback fails to the signed-out page, and signs no one in', async () => {
    const { agent } = createTestApp();
    const first = await signInThroughKeycloak(agent(), demoRealm.operators[0]!.username, demoRealm.operators[0]!.password);
    const attacker = agent();
    const replay = await attacker.get(first.callbackPath).set(asBrowser);
    expect(replay.status).toBe(302);
    expect(replay.headers.location).toBe('/signed-out?reason=sign-in-expired');
    expect((await attacker.get('/api/me')).status).toBe(401);
  });

  /** A sign-in started in a browser, then Keycloak's callback carrying `error`, asked for with `accept`. */
  async function callbackWithError(error: string, accept: string) {
    const browser = createTestApp().agent();
    const login = await browser.get('/auth/login').set(asBrowser);
    expect(login.status).toBe(302);
    const state = new URL(login.headers.location as string).searchParams.get('state');
    const response = await browser.get(`/auth/callback?error=${error}&state=${state ?? ''}`).set('Accept', accept);
    return { browser, response };
  }

  it.each([
    ['access_denied', 'sign-in-refused'],
    ['temporarily_unavailable', 'sign-in-failed'],
  ])('sends a browser Keycloak answered error=%s to the signed-out page (%s)', async (error, reason) => {
    const { browser, response } = await callbackWithError(error, asBrowser.Accept);
    expect(response.status).toBe(302);
    expect(response.headers.location).toBe(`/signed-out?reason=${reason}`);
    expect((await browser.get('/api/me')).status).toBe(401);
  });

  it.each([
    ['temporarily_unavailable', 'Keycloak did not sign you in (temporarily_unavailable).'],
    ['Call+0800+now:+your+account+is+locked', 'Keycloak did not sign you in (an error code the OAuth and OpenID Connect specifications do not define).'],
  ])('repeats only an error code the specifications define to an API client (error=%s)', async (error, message) => {
    const { response } = await callbackWithError(error, 'application/json');
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: 'bad_request', message });
  });

  it('sends a person Keycloak signs in without a console role to the signed-out page (no-role), with no console session and their Keycloak session ended', async () => {
    const { agent } = createTestApp();
    const browser = agent();
    const username = reservedEndUser(31);
    try {
      const result = await signInThroughKeycloak(browser, username, demoRealm.endUserPassword);
      expect(result.landedOn).toBe('/signed-out?reason=no-role');
      expect(result.cookieAfter).toBeUndefined();
      expect((await browser.get('/api/me')).status).toBe(401);
      expect(await userSessionIds(realm, await findUserId(realm, username))).toEqual([]);
    } finally {
      await logoutUser(realm, await findUserId(realm, username));
    }
  });
});
