import { roleLabels, type Permission, type Role } from '@session-desk/contracts';
import { hasPermission, primaryRole } from './permissions.js';

export interface PolicyOperator {
  id: string;
  roles: readonly Role[];
}

export interface PolicyRequest {
  operator: PolicyOperator;
  permission: Permission;
  /** The realm acted in, when the action is inside a realm. */
  realm?: string;
  managedRealms: readonly string[];
  /** The user acted upon, when there is one. */
  target?: {
    isConsoleAdmin: boolean;
    /** The user is a client's service account (Keycloak's `serviceAccountClientId`), not a person. */
    serviceAccountOf?: string | null;
    /** The client whose service account Session Desk itself uses: nobody may act on it from the console. */
    consoleServiceClientId?: string;
  };
}

export type Decision =
  | { allowed: true }
  | { allowed: false; status: 403 | 404; code: 'forbidden' | 'not_found'; reason: string };

const doing: Record<Permission, string> = {
  'sessions:read': 'view sessions',
  'users:read': 'view users',
  'sessions:end': "end users' sessions",
  'users:logout': 'log users out',
  'own-sessions:read': 'view your own sessions',
  'own-sessions:end': 'end your own sessions',
  'audit:read': 'read the audit trail',
  'audit:read-own': 'read your own audit entries',
  'events:read': "read Keycloak's events",
  'bulk:end': 'end sessions in bulk',
  'bulk:end-all-matching': 'end every session matching a search',
  'realm:logout-all': 'sign out a whole realm',
  'realm:revoke-tokens': "revoke a realm's tokens",
  'health:read': "read the console's connection health",
  'concerns:configure': 'change the rules of the sessions of concern',
};

/** Acting on a target user: only administrators may act on another Session Desk administrator. */
const ACTS_ON_TARGET: ReadonlySet<Permission> = new Set(['sessions:end', 'users:logout', 'bulk:end', 'bulk:end-all-matching']);

/**
 * Who may do what, as one pure function: the realm must be managed, the operator's role must grant
 * the permission, and help-desk may not act on an administrator of the console (escalation guard).
 */
export function decide(request: PolicyRequest): Decision {
  const { operator, permission, realm, managedRealms, target } = request;
  if (realm !== undefined && !managedRealms.includes(realm)) {
    return { allowed: false, status: 404, code: 'not_found', reason: `Session Desk does not manage a realm named "${realm}".` };
  }
  if (!hasPermission(operator.roles, permission)) {
    const role = primaryRole(operator.roles);
    const who = role ? `The ${roleLabels[role]} role` : 'Your account';
    return { allowed: false, status: 403, code: 'forbidden', reason: `${who} cannot ${doing[permission]}.` };
  }
  if (target?.serviceAccountOf && ACTS_ON_TARGET.has(permission)) {
    if (target.serviceAccountOf === target.consoleServiceClientId) {
      return {
        allowed: false,
        status: 403,
        code: 'forbidden',
        reason: "This is Session Desk's own service account: logging it out would revoke the console's access to Keycloak.",
      };
    }
    if (!operator.roles.includes('admin')) {
      return {
        allowed: false,
        status: 403,
        code: 'forbidden',
        reason: `This user is the service account of the client "${target.serviceAccountOf}", not a person: only an administrator can log it out (it revokes the client's tokens).`,
      };
    }
  }
  if (target?.isConsoleAdmin && ACTS_ON_TARGET.has(permission) && !operator.roles.includes('admin')) {
    return {
      allowed: false,
      status: 403,
      code: 'forbidden',
      reason: 'This user is a Session Desk administrator: only another administrator can end their sessions.',
    };
  }
  return { allowed: true };
}
