import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { demoRealm, passwordLogin, type TokenSet } from '@session-desk/keycloak-local';
import { adminGet, adminSend } from './keycloak-admin.js';

const realm = demoRealm.realm;

export interface ThrowawayUser {
  id: string;
  username: string;
  password: string;
}

/** A new user of the demo realm (the operator realm) that only the calling test knows; delete it afterwards. */
export async function createThrowawayUser(prefix: string): Promise<ThrowawayUser> {
  const username = `${prefix}-${randomUUID().slice(0, 8)}`;
  const password = `pw-${randomUUID()}`;
  const created = await adminSend('POST', `${realm}/users`, {
    username,
    enabled: true,
    email: `${username}@session-desk.example`,
    emailVerified: true,
    firstName: 'Throwaway',
    lastName: prefix,
    credentials: [{ type: 'password', value: password, temporary: false }],
  });
  const id = created.headers.get('location')?.split('/').pop();
  if (!id) throw new Error('Keycloak returned no user id');
  return { id, username, password };
}

export async function deleteUser(userId: string): Promise<void> {
  await adminSend('DELETE', `${realm}/users/${userId}`).catch(() => undefined);
}

export async function clientUuid(clientId: string, inRealm: string = realm): Promise<string> {
  const clients = await adminGet<Array<{ id: string; clientId: string }>>(`${inRealm}/clients?clientId=${encodeURIComponent(clientId)}`);
  const found = clients.find((client) => client.clientId === clientId);
  if (!found) throw new Error(`no client ${clientId}`);
  return found.id;
}

/** Grants (or with `remove`, takes away) console client roles of the operator client. */
export async function setConsoleRole(userId: string, role: 'admin' | 'helpdesk' | 'auditor', remove = false): Promise<void> {
  const uuid = await clientUuid(demoRealm.bff.clientId);
  const representation = await adminGet<{ id: string; name: string }>(`${realm}/clients/${uuid}/roles/${role}`);
  await adminSend(remove ? 'DELETE' : 'POST', `${realm}/users/${userId}/role-mappings/clients/${uuid}`, [representation]);
}

export async function setUserEnabled(userId: string, enabled: boolean): Promise<void> {
  await adminSend('PUT', `${realm}/users/${userId}`, { enabled });
}

/** Ends every Keycloak session of the user (the Admin API's "sign out"). */
export async function logoutUserInKeycloak(userId: string): Promise<void> {
  await adminSend('POST', `${realm}/users/${userId}/logout`);
}

/** A real session of the user in a demo app (password grant). */
export async function loginAs(user: ThrowawayUser, clientId = demoRealm.apps[0] ?? 'demo-portal', offline = false): Promise<TokenSet> {
  return passwordLogin({ url: inject('keycloakUrl'), clientId, username: user.username, password: user.password, offline });
}

/** Sets one attribute of the operator client (e.g. its back-channel logout URL) and returns a function that restores it. */
export async function setConsoleClientAttribute(name: string, value: string): Promise<() => Promise<void>> {
  const uuid = await clientUuid(demoRealm.bff.clientId);
  const client = await adminGet<{ attributes?: Record<string, string> }>(`${realm}/clients/${uuid}`);
  const previous = client.attributes?.[name] ?? '';
  await adminSend('PUT', `${realm}/clients/${uuid}`, { ...client, attributes: { ...client.attributes, [name]: value } });
  return async () => {
    const now = await adminGet<{ attributes?: Record<string, string> }>(`${realm}/clients/${uuid}`);
    await adminSend('PUT', `${realm}/clients/${uuid}`, { ...now, attributes: { ...now.attributes, [name]: previous } });
  };
}

/**
 * Gives the user a console role only indirectly, as an administrator's setup often does: a new group
 * holds a new composite realm role that contains the console client role. Returns `leave` (takes the
 * user out of the group) and `remove` (deletes the group and the realm role; for afterAll).
 */
export async function grantConsoleRoleThroughGroup(
  userId: string,
  role: 'admin' | 'helpdesk' | 'auditor',
): Promise<{ leave: () => Promise<void>; remove: () => Promise<void> }> {
  const uuid = await clientUuid(demoRealm.bff.clientId);
  const clientRole = await adminGet<{ id: string; name: string }>(`${realm}/clients/${uuid}/roles/${role}`);
  const name = `sd-composite-${randomUUID().slice(0, 8)}`;
  await adminSend('POST', `${realm}/roles`, { name });
  await adminSend('POST', `${realm}/roles/${name}/composites`, [clientRole]);
  const realmRole = await adminGet<{ id: string; name: string }>(`${realm}/roles/${name}`);
  const created = await adminSend('POST', `${realm}/groups`, { name: `sd-group-${randomUUID().slice(0, 8)}` });
  const groupId = created.headers.get('location')?.split('/').pop();
  if (!groupId) throw new Error('Keycloak returned no group id');
  await adminSend('POST', `${realm}/groups/${groupId}/role-mappings/realm`, [realmRole]);
  await adminSend('PUT', `${realm}/users/${userId}/groups/${groupId}`);
  return {
    leave: async () => {
      await adminSend('DELETE', `${realm}/users/${userId}/groups/${groupId}`);
    },
    remove: async () => {
      await adminSend('DELETE', `${realm}/groups/${groupId}`).catch(() => undefined);
      await adminSend('DELETE', `${realm}/roles/${name}`).catch(() => undefined);
    },
  };
}
