import { describe, expect, it } from 'vitest';
import { permissions, roles, type Permission, type Role } from '@session-desk/contracts';
import { decide } from './decide.js';
import { hasPermission } from './permissions.js';

const managedRealms = ['demo', 'acme'];
const operator = (role: Role) => ({ id: `op-${role}`, roles: [role] });

describe('decide', () => {
  it.each(roles.flatMap((role) => permissions.map((permission) => [role, permission] as const)))(
    '%s / %s follows the role grants',
    (role, permission: Permission) => {
      const decision = decide({ operator: operator(role), permission, realm: 'demo', managedRealms });
      expect(decision.allowed).toBe(hasPermission([role], permission));
      if (!decision.allowed) {
        expect(decision.status).toBe(403);
        expect(decision.reason).toMatch(/cannot/);
      }
    },
  );

  it('refuses every role in a realm it does not manage, as not found', () => {
    for (const role of roles) {
      const decision = decide({ operator: operator(role), permission: 'sessions:read', realm: 'master', managedRealms });
      expect(decision).toMatchObject({ allowed: false, status: 404, code: 'not_found' });
    }
  });

  it('stops help-desk from acting on a console administrator, and says so', () => {
    const decision = decide({ operator: operator('helpdesk'), permission: 'sessions:end', realm: 'demo', managedRealms, target: { isConsoleAdmin: true } });
    expect(decision).toMatchObject({ allowed: false, status: 403 });
    expect(decision.allowed || decision.reason).toMatch(/administrator/);
    expect(
      decide({ operator: operator('helpdesk'), permission: 'users:logout', realm: 'demo', managedRealms, target: { isConsoleAdmin: true } }).allowed,
    ).toBe(false);
  });

  it('lets help-desk act on ordinary users and admins act on admins', () => {
    expect(decide({ operator: operator('helpdesk'), permission: 'sessions:end', realm: 'demo', managedRealms, target: { isConsoleAdmin: false } }).allowed).toBe(true);
    expect(decide({ operator: operator('admin'), permission: 'users:logout', realm: 'demo', managedRealms, target: { isConsoleAdmin: true } }).allowed).toBe(true);
  });

  it('lets help-desk read an administrator (the guard is about acting)', () => {
    expect(decide({ operator: operator('helpdesk'), permission: 'users:read', realm: 'demo', managedRealms, target: { isConsoleAdmin: true } }).allowed).toBe(true);
  });

  it('refuses auditors every change, even on ordinary users', () => {
    for (const permission of ['sessions:end', 'users:logout', 'own-sessions:end'] as const) {
      expect(decide({ operator: operator('auditor'), permission, realm: 'demo', managedRealms, target: { isConsoleAdmin: false } }).allowed).toBe(false);
    }
  });

  it('refuses an operator without a role', () => {
    const decision = decide({ operator: { id: 'x', roles: [] }, permission: 'sessions:read', managedRealms });
    expect(decision).toMatchObject({ allowed: false, status: 403 });
  });
});
