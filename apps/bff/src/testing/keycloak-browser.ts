import type { Agent } from 'supertest';
import { demoRealm, type DemoOperator, type OperatorRole } from '@session-desk/keycloak-local';
import { submitKeycloakLogin } from '@session-desk/test-support';

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
  const keycloak = await submitKeycloakLogin(login.headers.location as string, username, password);
  if (keycloak.kind === 'no-form') throw new Error(`Keycloak's login page has no login form (HTTP ${keycloak.status})`);
  if (keycloak.kind === 'refused') throw new Error(`Keycloak did not accept ${username}'s credentials (HTTP ${keycloak.status})`);
  const callbackUrl = new URL(keycloak.url);
  const callbackPath = `${callbackUrl.pathname}${callbackUrl.search}`;
  if (options.stopBeforeCallback) return { landedOn: '', cookieBefore, cookieAfter: undefined, loginCookie, callbackPath };

  const done = await agent.get(callbackPath);
  if (done.status !== 302) throw new Error(`/auth/callback answered ${done.status}: ${done.text}`);
  return { landedOn: done.headers.location as string, cookieBefore, cookieAfter: sessionCookie(done.headers['set-cookie']), loginCookie, callbackPath };
}

/** The demo realm's operator holding `role` (its password is known). */
export function demoOperator(role: OperatorRole): DemoOperator {
  const operator = demoRealm.operators.find((candidate) => candidate.role === role);
  if (!operator) throw new Error(`the demo realm has no ${role} operator`);
  return operator;
}

/** A new browser (`app.agent()`) signed in through Keycloak's real login form as the demo operator holding `role`. */
export async function signedInAs(app: { agent(): Agent }, role: OperatorRole): Promise<Agent> {
  const browser = app.agent();
  await signInThroughKeycloak(browser, demoOperator(role).username, demoOperator(role).password);
  return browser;
}
