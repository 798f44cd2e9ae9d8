import { z } from 'zod';

export const roles = ['admin', 'helpdesk', 'auditor'] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;

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
] as const;
export const permissionSchema = z.enum(permissions);
export type Permission = z.infer<typeof permissionSchema>;

export const roleLabels: Record<Role, string> = {
  admin: 'Administrator',
  helpdesk: 'Help desk',
  auditor: 'Auditor',
};
