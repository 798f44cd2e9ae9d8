import { describe, expect, it } from 'vitest';
import { permissions, roles, type Permission, type Role } from '@session-desk/contracts';
import { decide } from './decide.js';

const managedRealms = ['demo', 'acme'];
const operator = (role: Role) => ({ id: `op-${role}`, roles: [role] });

/**
 * The specification of who may do what, written out by hand (not derived from the module under
 * test): role × permission → allowed. A change to the grants must change this table too.
 */
const specification: Record<Permission, Record<Role, boolean>> = {
  //                       admin        helpdesk        auditor
  'sessions:read':         { admin: true, helpdesk: true,  auditor: true },
  'users:read':            { admin: true, helpdesk: true,  auditor: true },
  'sessions:end':          { admin: true, helpdesk: true,  auditor: false },
  'users:logout':          { admin: true, helpdesk: true,  auditor: false },
  'own-sessions:read':     { admin: true, helpdesk: true,  auditor: true },
  'own-sessions:end':      { admin: true, helpdesk: true,  auditor: false },
  'audit:read':            { admin: true, helpdesk: false, auditor: true },
  'audit:read-own':        { admin: true, helpdesk: true,  auditor: false },
  'events:read':           { admin: true, helpdesk: false, auditor: true },
  'bulk:end':              { admin: true, helpdesk: true,  auditor: false },
  'bulk:end-all-matching': { admin: true, helpdesk: false, auditor: false },
  'realm:logout-all':      { admin: true, helpdesk: false, auditor: false },
  'realm:revoke-tokens':   { admin: true, helpdesk: false, auditor: false },
  'health:read':           { admin: true, helpdesk: false, auditor: false },
  'concerns:configure':    { admin: true, helpdesk: false, auditor: false },
};

describe('decide', () => {
  it('has a row in the specification for every permission and a column for every role', () => {
    expect(Object.keys(specification).sort()).toEqual([...permissions].sort());
    for (const row of Object.values(specification)) expect(Object.keys(row).sort()).toEqual([...roles].sort());
  });

  it.each(roles.flatMap((role) => permissions.map((permission) => [role, permission, specification[permission][role]] as const)))(
    '%s / %s: allowed %s',
    (role, permission: Permission, allowed) => {
      const decision = decide({ operator: operator(role), permission, realm: 'demo', managedRealms });
      expect(decision.allowed).toBe(allowed);
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
