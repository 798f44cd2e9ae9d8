import { inject } from 'vitest';
import { masterAdminToken } from '@session-desk/keycloak-local';

/**
 * A call to `/admin/realms/{path}` as the bootstrap admin (test setup and checks only; `path` ''
 * for the collection itself). Returns Keycloak's answer whatever its status.
 */
export async function adminFetch(method: string, path: string, body?: unknown): Promise<Response> {
  const url = inject('keycloakUrl');
  const token = await masterAdminToken(url);
  return fetch(`${url}/admin/realms${path ? `/${path}` : ''}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** `adminFetch`, throwing on an error status (naming the call and Keycloak's answer). */
export async function adminSend(method: string, path: string, body?: unknown): Promise<Response> {
  const response = await adminFetch(method, path, body);
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
  return response;
}

/** Direct Admin API reads with the bootstrap admin, to check what really happened in Keycloak. */
export async function adminGet<T>(path: string): Promise<T> {
  return (await (await adminSend('GET', path)).json()) as T;
}

export async function findUserId(realm: string, username: string): Promise<string> {
  const users = await adminGet<Array<{ id: string; username: string }>>(`${realm}/users?exact=true&username=${encodeURIComponent(username)}`);
  // Keycloak keeps usernames in lower case.
  const user = users.find((candidate) => candidate.username === username.toLowerCase());
  if (!user) throw new Error(`no user ${username} in ${realm}`);
  return user.id;
}

export async function userSessionIds(realm: string, userId: string): Promise<string[]> {
  const sessions = await adminGet<Array<{ id: string }>>(`${realm}/users/${userId}/sessions`);
  return sessions.map((session) => session.id);
}

/** Ends every session of a user in Keycloak (Admin API `POST users/{id}/logout`); throws on a non-2xx answer. */
export async function logoutUser(realm: string, userId: string): Promise<void> {
  const response = await adminSend('POST', `${realm}/users/${userId}/logout`);
  await response.body?.cancel();
}
