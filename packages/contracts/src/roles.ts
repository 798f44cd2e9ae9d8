export const roles = ['admin', 'helpdesk', 'auditor'] as const;
export type Role = (typeof roles)[number];

/** What the server will let an operator do. The SPA only mirrors this; the BFF enforces it. */
export const permissions = [
  'sessions:read',
  'users:read',
  'sessions:end',
  'users:logout',
  'own-sessions:read',
  'own-sessions:end',
  'audit:read',
  'audit:read-own',
  'events:read',
  'bulk:end',
  'bulk:end-all-matching',
  'realm:logout-all',
  'realm:revoke-tokens',
  'health:read',
  'concerns:configure',
] as const;
export type Permission = (typeof permissions)[number];

/**
 * Who may do what: the one role-grant table. The BFF enforces it (each endpoint declares the
 * permission it needs), `/api/me` reports it, and the SPA and its test fixtures read it.
 */
export const roleGrants: Readonly<Record<Role, readonly Permission[]>> = {
  admin: permissions,
  helpdesk: ['sessions:read', 'users:read', 'sessions:end', 'users:logout', 'own-sessions:read', 'own-sessions:end', 'audit:read-own', 'bulk:end'],
  auditor: ['sessions:read', 'users:read', 'own-sessions:read', 'audit:read', 'events:read'],
};

/** Strongest first: an operator holding several roles is treated as the strongest of them. */
const strength: readonly Role[] = ['admin', 'helpdesk', 'auditor'];

/** Every permission the roles grant together, in the order of `permissions`. */
export function permissionsFor(held: readonly Role[]): Permission[] {
  const granted = new Set(held.flatMap((role) => roleGrants[role]));
  return permissions.filter((permission) => granted.has(permission));
}

/** Whether any of the roles grants the permission. */
export function rolesGrant(held: readonly Role[], permission: Permission): boolean {
  return held.some((role) => roleGrants[role].includes(permission));
}

/** The strongest of the roles (admin, then helpdesk, then auditor); undefined for none. */
export function primaryRole(held: readonly Role[]): Role | undefined {
  return strength.find((role) => held.includes(role));
}

export const roleLabels: Record<Role, string> = {
  admin: 'Administrator',
  helpdesk: 'Help desk',
  auditor: 'Auditor',
};
