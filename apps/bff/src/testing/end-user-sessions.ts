import { inject } from 'vitest';
import { demoRealm, listEndUsernames, passwordLogin, type TokenSet } from '@session-desk/keycloak-local';

/** Real end-user sessions, created the way an application would: a login at Keycloak's token endpoint. */
export async function loginEndUser(username: string, clientId: string, offline = false): Promise<TokenSet> {
  return passwordLogin({ url: inject('keycloakUrl'), clientId, username, password: demoRealm.endUserPassword, offline });
}

/** Whether a refresh token still works (it stops working once its session is ended). */
export async function refreshWorks(clientId: string, refreshToken: string): Promise<boolean> {
  const response = await fetch(`${inject('keycloakUrl')}/realms/${demoRealm.realm}/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'refresh_token', client_id: clientId, refresh_token: refreshToken }),
  });
  await response.body?.cancel();
  return response.ok;
}

/** A demo end user reserved for one test file, so files running in parallel never share a user. */
export function reservedEndUser(slot: number): string {
  const names = listEndUsernames();
  const name = names[names.length - 1 - slot];
  if (!name) throw new Error(`no end user for slot ${slot}`);
  return name;
}

export function sessionIdOf(tokens: TokenSet): string {
  const payload = JSON.parse(Buffer.from(tokens.access_token.split('.')[1] ?? '', 'base64url').toString()) as { sid?: string };
  if (!payload.sid) throw new Error('the token has no sid');
  return payload.sid;
}
