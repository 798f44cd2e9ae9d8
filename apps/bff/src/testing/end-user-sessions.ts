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

/**
 * How many end users, from the end of the demo realm's alphabetical list, the BFF's tests may reserve.
 * The browser tests take theirs from the start (e2e/support/end-users.ts), so the two never meet.
 */
export const RESERVED_END_USER_SLOTS = 100;

/**
 * A demo end user reserved for one test file (slot 0 = the last username alphabetically), so files
 * running in parallel never share a user. Throws for a slot outside 0…RESERVED_END_USER_SLOTS-1.
 */
export function reservedEndUser(slot: number): string {
  if (!Number.isInteger(slot) || slot < 0 || slot >= RESERVED_END_USER_SLOTS) throw new Error(`end-user slot ${slot} is outside 0…${RESERVED_END_USER_SLOTS - 1}`);
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

/** `count` new sessions of `username` across the demo apps, logged in eight at a time; their session ids (in no order). */
export async function loginManySessions(username: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  const login = async (worker: number) => {
    for (let i = worker; i < count; i += 8) ids.push(sessionIdOf(await loginEndUser(username, demoRealm.apps[i % demoRealm.apps.length]!)));
  };
  await Promise.all(Array.from({ length: 8 }, (_, worker) => login(worker)));
  return ids;
}
