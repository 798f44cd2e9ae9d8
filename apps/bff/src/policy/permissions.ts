import { permissions, type Permission, type Role } from '@session-desk/contracts';

/** Who may do what. The single source of truth the routes consult; the SPA only mirrors it. */
const grants: Record<Role, readonly Permission[]> = {
  admin: permissions,
  helpdesk: [
    'sessions:read',
    'users:read',
    'sessions:end',
    'users:logout',
    'own-sessions:read',
    'own-sessions:end',
    'audit:read-own',
    'bulk:end',
  ],
  auditor: ['sessions:read', 'users:read', 'own-sessions:read', 'audit:read', 'events:read'],
};

/** Strongest first: an operator holding several roles is treated as the strongest of them. */
const strength: readonly Role[] = ['admin', 'helpdesk', 'auditor'];

export function permissionsFor(held: readonly Role[]): Permission[] {
  const granted = new Set(held.flatMap((role) => grants[role]));
  return permissions.filter((permission) => granted.has(permission));
}

export function hasPermission(held: readonly Role[], permission: Permission): boolean {
  return held.some((role) => grants[role].includes(permission));
}

export function primaryRole(held: readonly Role[]): Role | undefined {
  return strength.find((role) => held.includes(role));
}

