import { inject } from 'vitest';
import { masterAdminToken } from '@session-desk/keycloak-local';

/** A call to the Admin API as the bootstrap admin (test setup and checks only). Returns the response; throws on an error status. */
export async function adminSend(method: string, path: string, body?: unknown): Promise<Response> {
  const url = inject('keycloakUrl');
  const token = await masterAdminToken(url);
  const response = await fetch(`${url}/admin/realms/${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
  return response;
}

/** Direct Admin API reads with the bootstrap admin, to check what really happened in Keycloak. */
export async function adminGet<T>(path: string): Promise<T> {
  return (await (await adminSend('GET', path)).json()) as T;
}

export async function findUserId(realm: string, username: string): Promise<string> {
  const users = await adminGet<Array<{ id: string; username: string }>>(`${realm}/users?exact=true&username=${encodeURIComponent(username)}`);
  const user = users.find((candidate) => candidate.username === username);
  if (!user) throw new Error(`no user ${username} in ${realm}`);
  return user.id;
}

export async function userSessionIds(realm: string, userId: string): Promise<string[]> {
  const sessions = await adminGet<Array<{ id: string }>>(`${realm}/users/${userId}/sessions`);
  return sessions.map((session) => session.id);
}

/** Ends every session of a user in Keycloak (Admin API `POST users/{id}/logout`); throws on a non-2xx answer. */
export async function logoutUser(realm: string, userId: string): Promise<void> {
  const url = inject('keycloakUrl');
  const token = await masterAdminToken(url);
  const response = await fetch(`${url}/admin/realms/${realm}/users/${userId}/logout`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
  await response.body?.cancel();
  if (!response.ok) throw new Error(`POST ${realm}/users/${userId}/logout answered ${response.status}`);
}
