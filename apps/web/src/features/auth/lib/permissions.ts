import type { MeResponse } from '@session-desk/contracts';
import { permissions, type Permission } from '@session-desk/contracts/roles';

export type PermissionKind = 'view' | 'change';

export interface PermissionDescription {
  /** One human sentence, written from the operator's point of view. */
  text: string;
  /** `view` only reads; `change` ends sessions or signs people out. */
  kind: PermissionKind;
}

/**
 * Every permission the BFF can grant, in words. Typed as a complete Record so a permission added
 * to the contracts fails the type check until it is described here.
 */
export const permissionDescriptions: Record<Permission, PermissionDescription> = {
  'sessions:read': { text: 'See who is signed in: the active sessions in the realm', kind: 'view' },
  'users:read': { text: 'Find users and look at their details', kind: 'view' },
  'own-sessions:read': { text: 'See your own sessions', kind: 'view' },
  'audit:read': { text: "Read the audit trail of every operator's actions", kind: 'view' },
  'audit:read-own': { text: 'Read the audit trail of your own actions', kind: 'view' },
  'events:read': { text: 'Read Keycloak sign-in and admin events', kind: 'view' },
  'sessions:end': { text: "End a user's session (with a reason)", kind: 'change' },
  'users:logout': { text: 'Log a user out everywhere: all their sessions (with a reason)', kind: 'change' },
  'own-sessions:end': { text: 'End your own sessions', kind: 'change' },
  'bulk:end': { text: 'End several selected sessions at once (with a reason)', kind: 'change' },
  'bulk:end-all-matching': { text: 'End every session that matches a search (with a reason)', kind: 'change' },
  'realm:logout-all': { text: 'Sign everyone out of the whole realm (with a reason)', kind: 'change' },
  'realm:revoke-tokens': {
    text: 'Revoke every token issued in the realm so far, forcing apps to sign in again (with a reason)',
    kind: 'change',
  },
  'health:read': { text: "Check the console's connection to Keycloak (the Connection page)", kind: 'view' },
  'concerns:configure': { text: 'Switch and tune the rules that flag sessions of concern (with a reason)', kind: 'change' },
};

export function hasPermission(operator: Pick<MeResponse, 'permissions'>, permission: Permission): boolean {
  return operator.permissions.includes(permission);
}

/** Permissions that manage *other* users' sessions; managing your own does not count. */
const managingPermissions = (Object.keys(permissionDescriptions) as Permission[]).filter(
  (permission) => permissionDescriptions[permission].kind === 'change' && permission !== 'own-sessions:end',
);

/** True when the operator can look but not change anything about other people's sessions. */
export function isReadOnly(operator: Pick<MeResponse, 'permissions'>): boolean {
  return !managingPermissions.some((permission) => hasPermission(operator, permission));
}

/** The operator's permissions as sentences, grouped, in the order of the contracts' list. */
export function describePermissions(granted: readonly Permission[]): Record<PermissionKind, string[]> {
  const result: Record<PermissionKind, string[]> = { view: [], change: [] };
  for (const permission of permissions) {
    if (!granted.includes(permission)) continue;
    const description = permissionDescriptions[permission];
    result[description.kind].push(description.text);
  }
  return result;
}
