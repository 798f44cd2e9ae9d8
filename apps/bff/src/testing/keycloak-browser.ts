import type { Agent } from 'supertest';
import { CookieJar } from '@session-desk/test-support';

const decodeEntities = (value: string) =>
  value.replaceAll('&amp;', '&').replaceAll('&#61;', '=').replaceAll('&quot;', '"').replaceAll('&#x2F;', '/');

export interface SignInResult {
  /** Where the BFF sent the browser after the callback. */
  landedOn: string;
  /** The console session cookie set by /auth/login (none: nothing is stored before sign-in) and by the callback. */
  cookieBefore: string | undefined;
  cookieAfter: string | undefined;
  /** The encrypted sign-in state cookie /auth/login set. */
  loginCookie: string | undefined;
  /** The callback URL Keycloak redirected to (for replay tests). */
  callbackPath: string;
}

function findCookie(setCookie: string[] | string | undefined, name: string): string | undefined {
  const list = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  return list.find((cookie) => cookie.startsWith(`${name}=`) || cookie.startsWith(`__Host-${name}=`));
}

const sessionCookie = (setCookie: string[] | string | undefined) => findCookie(setCookie, 'sd.sid');

/** Drives the real authorization-code flow: the BFF's /auth/login, Keycloak's real login form, the callback. */
export async function signInThroughKeycloak(
  agent: Agent,
  username: string,
  password: string,
  options: { returnTo?: string; stopBeforeCallback?: boolean } = {},
): Promise<SignInResult> {
  const query = options.returnTo ? `?returnTo=${encodeURIComponent(options.returnTo)}` : '';
  const login = await agent.get(`/auth/login${query}`);
  if (login.status !== 302) throw new Error(`/auth/login answered ${login.status}: ${login.text}`);
  const cookieBefore = sessionCookie(login.headers['set-cookie']);
  const loginCookie = findCookie(login.headers['set-cookie'], 'sd.login');
  const jar = new CookieJar();

  const loginPage = await fetch(login.headers.location as string, { redirect: 'manual' });
  jar.store(loginPage);
  const html = await loginPage.text();
  const action = /action="([^"]*login-actions\/authenticate[^"]*)"/.exec(html)?.[1];
  if (!action) throw new Error(`Keycloak's login page has no login form (HTTP ${loginPage.status})`);

  const submitted = await fetch(decodeEntities(action), {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar.header() },
    body: new URLSearchParams({ username, password, credentialId: '' }),
  });
  const callback = submitted.headers.get('location');
  if (submitted.status !== 302 || !callback) throw new Error(`Keycloak did not accept ${username}'s credentials (HTTP ${submitted.status})`);
  const callbackUrl = new URL(callback);
  const callbackPath = `${callbackUrl.pathname}${callbackUrl.search}`;
  if (options.stopBeforeCallback) return { landedOn: '', cookieBefore, cookieAfter: undefined, loginCookie, callbackPath };

  const done = await agent.get(callbackPath);
  if (done.status !== 302) throw new Error(`/auth/callback answered ${done.status}: ${done.text}`);
  return { landedOn: done.headers.location as string, cookieBefore, cookieAfter: sessionCookie(done.headers['set-cookie']), loginCookie, callbackPath };
}
