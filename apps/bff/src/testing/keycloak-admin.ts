import { inject } from 'vitest';
import { masterAdminToken } from '@session-desk/keycloak-local';

/** Direct Admin API reads with the bootstrap admin, to check what really happened in Keycloak. */
export async function adminGet<T>(path: string): Promise<T> {
  const url = inject('keycloakUrl');
  const token = await masterAdminToken(url);
  const response = await fetch(`${url}/admin/realms/${path}`, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`GET ${path} answered ${response.status}`);
  return (await response.json()) as T;
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
