import { CookieJar } from './cookie-jar.ts';

/** Keycloak writes the form's action URL with `&`, `=`, quotes and slashes as HTML entities. */
const decodeEntities = (value: string) =>
  value.replaceAll('&amp;', '&').replaceAll('&#61;', '=').replaceAll('&quot;', '"').replaceAll('&#x2F;', '/');

/** What Keycloak's login form made of the credentials. */
export type KeycloakLoginOutcome =
  /** The redirect back to the client (its callback URL with `code` and `state`). */
  | { kind: 'callback'; url: string }
  /** The authorize URL answered no login form; `status` is its HTTP status. */
  | { kind: 'no-form'; status: number }
  /** Posting the credentials did not redirect back (wrong password, or Keycloak wants more); `status` is its HTTP status. */
  | { kind: 'refused'; status: number };

/**
 * Fills in Keycloak's real login form as a browser would: GET `authorizeUrl` (where a client's login
 * redirected to), then POST `username` and `password` to the form's action with the page's cookies.
 * Keycloak's answers are returned, not thrown; a network failure rejects.
 */
export async function submitKeycloakLogin(authorizeUrl: string, username: string, password: string): Promise<KeycloakLoginOutcome> {
  const jar = new CookieJar();
  const page = await fetch(authorizeUrl, { redirect: 'manual' });
  jar.store(page);
  const html = await page.text();
  const action = /action="([^"]*login-actions\/authenticate[^"]*)"/.exec(html)?.[1];
  if (!action) return { kind: 'no-form', status: page.status };

  const submitted = await fetch(decodeEntities(action), {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar.header() },
    body: new URLSearchParams({ username, password, credentialId: '' }),
  });
  const callback = submitted.headers.get('location');
  await submitted.body?.cancel();
  if (submitted.status !== 302 || !callback) return { kind: 'refused', status: submitted.status };
  return { kind: 'callback', url: callback };
}
