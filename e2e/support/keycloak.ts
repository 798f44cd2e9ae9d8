import { createHash, randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { expect, type Browser, type Page } from '@playwright/test';

export const keycloakUrl = `http://localhost:${process.env.SD_TEST_KEYCLOAK_PORT ?? '8180'}`;
export const realm = 'demo';

/**
 * How long a browser test waits for a session made outside the console to show in the realm list:
 * it shows after the list's next snapshot rebuild (SNAPSHOT_TTL_SECONDS, 10 s, stretched to ten times
 * the build time by SNAPSHOT_MAX_REBUILD_PERCENT) plus the SPA's 5 s refetch, which can pass the
 * default 15 s expect timeout when a rebuild has just been made.
 */
export const UNTIL_NEXT_REBUILD = { timeout: 45_000 };

/** Waits until the wall clock is in a later second: Keycloak stamps session starts and not-befores in whole seconds. */
export async function nextSecond(): Promise<void> {
  const second = Math.floor(Date.now() / 1000);
  while (Math.floor(Date.now() / 1000) <= second) await sleep(20);
}

export const operators = [
  { username: 'desk-admin', password: 'desk-admin', roleLabel: 'Administrator' },
  { username: 'desk-helpdesk', password: 'desk-helpdesk', roleLabel: 'Help desk' },
  { username: 'desk-auditor', password: 'desk-auditor', roleLabel: 'Auditor' },
] as const;

async function adminToken(): Promise<string> {
  const response = await fetch(`${keycloakUrl}/realms/master/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', client_id: 'admin-cli', username: 'admin', password: 'admin' }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { access_token: string }).access_token;
}

/** The id of the demo realm's user with exactly this username (Admin API, `headers` carrying an admin token), or undefined. */
async function userIdOf(username: string, headers: Record<string, string>): Promise<string | undefined> {
  const response = await fetch(`${keycloakUrl}/admin/realms/${realm}/users?exact=true&username=${encodeURIComponent(username)}`, { headers });
  return ((await response.json()) as Array<{ id: string }>)[0]?.id;
}

/** Reads Keycloak's own view of a user's regular sessions through the Admin API (id and recorded address), to check what the console did for real. */
export async function keycloakSessions(username: string): Promise<Array<{ id: string; ipAddress: string }>> {
  const token = await adminToken();
  const headers = { authorization: `Bearer ${token}` };
  const userId = await userIdOf(username, headers);
  if (!userId) throw new Error(`no user ${username}`);
  return (await (await fetch(`${keycloakUrl}/admin/realms/${realm}/users/${userId}/sessions`, { headers })).json()) as Array<{ id: string; ipAddress: string }>;
}

/** The ids of a user's regular sessions, as Keycloak has them. */
export async function keycloakSessionIds(username: string): Promise<string[]> {
  return (await keycloakSessions(username)).map((session) => session.id);
}

/** Signs in on Keycloak's real login page, starting from the console. */
export async function signIn(page: Page, username: string, password: string, path = '/'): Promise<void> {
  await page.goto(path);
  await page.waitForURL(/\/realms\/demo\/protocol\/openid-connect\/auth|login-actions/);
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  await page.locator('#kc-login').click();
  await page.waitForURL((url) => url.origin === 'http://localhost:3100');
  await expect(page.getByTestId('operator-username')).toHaveText(username);
}

/**
 * A login at Keycloak's token endpoint, as an application would make; `from` is sent as
 * X-Forwarded-For, which the test Keycloak trusts from loopback (the address, and so the country,
 * it records for the session). Returns the session id (`sid`).
 */
async function tokenLogin(username: string, clientId: string, extra: Record<string, string>, from?: string): Promise<string> {
  const response = await fetch(`${keycloakUrl}/realms/${realm}/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(from ? { 'x-forwarded-for': from } : {}) },
    body: new URLSearchParams({ grant_type: 'password', client_id: clientId, username, password: 'demo-user-password', ...extra }),
  });
  expect(response.status).toBe(200);
  const { access_token } = (await response.json()) as { access_token: string };
  const payload = JSON.parse(Buffer.from(access_token.split('.')[1] ?? '', 'base64url').toString()) as { sid: string };
  return payload.sid;
}

/** A real end-user session (optionally "from" a public address, see tokenLogin); returns its id. */
export async function endUserSession(username: string, clientId: string, from?: string): Promise<string> {
  return tokenLogin(username, clientId, {}, from);
}

/** Keycloak's own view of a user's sessions, by username. */
export const endUserSessionIds = keycloakSessionIds;

/** A real offline session (scope offline_access), as an application keeping access would make; returns its id. */
export async function offlineEndUserSession(username: string, clientId: string, from?: string): Promise<string> {
  return tokenLogin(username, clientId, { scope: 'openid offline_access' }, from);
}

/** Keycloak's own count of active and offline sessions per client (`client-session-stats`; clients without sessions are left out). */
export async function keycloakClientSessionStats(): Promise<Record<string, { active: number; offline: number }>> {
  const token = await adminToken();
  const response = await fetch(`${keycloakUrl}/admin/realms/${realm}/client-session-stats`, { headers: { authorization: `Bearer ${token}` } });
  expect(response.status).toBe(200);
  const stats = (await response.json()) as Array<{ clientId: string; active: string | number; offline: string | number }>;
  return Object.fromEntries(stats.map((client) => [client.clientId, { active: Number(client.active), offline: Number(client.offline) }]));
}

/**
 * Makes sure the demo realm has an end user with these values (password `demo-user-password`), creating it
 * through the Admin API when it is missing; returns its id. For users the seeded realm has no example of.
 */
export async function ensureEndUser(user: { username: string; email: string; firstName: string; lastName: string }): Promise<string> {
  const token = await adminToken();
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const existing = await userIdOf(user.username, headers);
  if (existing) return existing;
  const created = await fetch(`${keycloakUrl}/admin/realms/${realm}/users`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ ...user, enabled: true, emailVerified: true, credentials: [{ type: 'password', value: 'demo-user-password', temporary: false }] }),
  });
  expect(created.status, await created.text()).toBe(201);
  const id = await userIdOf(user.username, headers);
  if (!id) throw new Error(`${user.username} was created but cannot be found`);
  return id;
}

/** Ends every session of a user through the Admin API (a clean start; offline sessions stay). */
export async function logoutEverywhere(username: string): Promise<void> {
  const token = await adminToken();
  const headers = { authorization: `Bearer ${token}` };
  const userId = await userIdOf(username, headers);
  if (!userId) throw new Error(`no user ${username}`);
  const response = await fetch(`${keycloakUrl}/admin/realms/${realm}/users/${userId}/logout`, { method: 'POST', headers });
  expect(response.status).toBe(204);
}

/** Where the demo apps redirect after a login (nothing listens there: the browser only has to head for it). */
const demoAppRedirect = 'http://localhost:9999/callback';

/**
 * One real session signed in to several demo apps, as a browser with single sign-on makes it: the
 * user logs in on Keycloak's page for the first app, and every later app joins the same session.
 * `from` is sent as X-Forwarded-For on every request to Keycloak (see tokenLogin). Returns the
 * session id (`session_state` of the redirects back to the apps).
 */
export async function singleSignOnSession(browser: Browser, username: string, clientIds: readonly string[], from?: string): Promise<string> {
  const context = await browser.newContext(from ? { extraHTTPHeaders: { 'x-forwarded-for': from } } : {});
  try {
    const page = await context.newPage();
    const sessionIds: string[] = [];
    for (const [index, clientId] of clientIds.entries()) {
      const verifier = randomBytes(32).toString('base64url');
      const query = new URLSearchParams({
        client_id: clientId,
        redirect_uri: demoAppRedirect,
        response_type: 'code',
        scope: 'openid',
        state: randomBytes(8).toString('hex'),
        code_challenge: createHash('sha256').update(verifier).digest('base64url'),
        code_challenge_method: 'S256',
      });
      const backToApp = page.waitForRequest((request) => request.url().startsWith(demoAppRedirect));
      // The redirect back to the app ends in a connection error page; only its address matters.
      await page.goto(`${keycloakUrl}/realms/${realm}/protocol/openid-connect/auth?${query}`).catch(() => undefined);
      if (index === 0) {
        await page.locator('#username').fill(username);
        await page.locator('#password').fill('demo-user-password');
        await page.locator('#kc-login').click();
      }
      sessionIds.push(new URL((await backToApp).url()).searchParams.get('session_state') ?? '');
    }
    const [sessionId = ''] = sessionIds;
    expect(sessionId).not.toBe('');
    expect(sessionIds, 'every app joins the first one’s session').toEqual(clientIds.map(() => sessionId));
    return sessionId;
  } finally {
    await context.close();
  }
}
