import { describe, expect, it } from 'vitest';
import { permissionSchema, roleSchema } from './role-schemas.js';
import { permissionsFor, permissions, primaryRole, roleGrants, roleLabels, roles, rolesGrant, type Permission, type Role } from './roles.js';

/**
 * The specification of who may do what, written out by hand (not derived from roles.ts): each
 * permission in the order the contracts list them, and which roles hold it. A change to the grant
 * table must change this table too.
 */
const specification: ReadonlyArray<readonly [Permission, { admin: boolean; helpdesk: boolean; auditor: boolean }]> = [
  //                        admin        helpdesk        auditor
  ['sessions:read',         { admin: true, helpdesk: true,  auditor: true }],
  ['users:read',            { admin: true, helpdesk: true,  auditor: true }],
  ['sessions:end',          { admin: true, helpdesk: true,  auditor: false }],
  ['users:logout',          { admin: true, helpdesk: true,  auditor: false }],
  ['own-sessions:read',     { admin: true, helpdesk: true,  auditor: true }],
  ['own-sessions:end',      { admin: true, helpdesk: true,  auditor: false }],
  ['audit:read',            { admin: true, helpdesk: false, auditor: true }],
  ['audit:read-own',        { admin: true, helpdesk: true,  auditor: false }],
  ['events:read',           { admin: true, helpdesk: false, auditor: true }],
  ['bulk:end',              { admin: true, helpdesk: true,  auditor: false }],
  ['bulk:end-all-matching', { admin: true, helpdesk: false, auditor: false }],
  ['realm:logout-all',      { admin: true, helpdesk: false, auditor: false }],
  ['realm:revoke-tokens',   { admin: true, helpdesk: false, auditor: false }],
  ['health:read',           { admin: true, helpdesk: false, auditor: false }],
  ['concerns:configure',    { admin: true, helpdesk: false, auditor: false }],
];
const allRoles: readonly Role[] = ['admin', 'helpdesk', 'auditor'];
const grantedTo = (role: Role) => specification.filter(([, holders]) => holders[role]).map(([permission]) => permission);

describe('the role-grant table', () => {
  it('lists exactly the roles and permissions of the specification, in its order', () => {
    expect([...roles]).toEqual(allRoles);
    expect([...permissions]).toEqual(specification.map(([permission]) => permission));
    for (const role of allRoles) expect(roleSchema.parse(role)).toBe(role);
    expect(roleSchema.safeParse('superuser').success).toBe(false);
    expect(permissionSchema.safeParse('realm:delete').success).toBe(false);
  });

  it.each(allRoles)('grants %s exactly what the specification says', (role) => {
    expect([...roleGrants[role]].sort()).toEqual(grantedTo(role).sort());
    expect(permissionsFor([role])).toEqual(grantedTo(role));
    for (const [permission, holders] of specification) expect(rolesGrant([role], permission), `${role} ${permission}`).toBe(holders[role]);
  });

  it('grants nothing without a role', () => {
    expect(permissionsFor([])).toEqual([]);
    for (const [permission] of specification) expect(rolesGrant([], permission)).toBe(false);
  });

  it('unions several roles: a permission any of them grants, in the order of the list', () => {
    expect(permissionsFor(['auditor', 'helpdesk'])).toEqual(specification.filter(([, h]) => h.auditor || h.helpdesk).map(([p]) => p));
    expect(rolesGrant(['auditor', 'helpdesk'], 'audit:read')).toBe(true);
    expect(rolesGrant(['auditor', 'helpdesk'], 'sessions:end')).toBe(true);
    expect(rolesGrant(['helpdesk', 'auditor'], 'realm:logout-all')).toBe(false);
  });
});

describe('primaryRole', () => {
  it.each([
    [['admin'], 'admin'],
    [['helpdesk'], 'helpdesk'],
    [['auditor'], 'auditor'],
    [['auditor', 'helpdesk'], 'helpdesk'],
    [['auditor', 'admin'], 'admin'],
    [['helpdesk', 'admin', 'auditor'], 'admin'],
    [[], undefined],
  ] as const)('of %j is %s', (held, expected) => {
    expect(primaryRole(held)).toBe(expected);
  });
});

describe('roleLabels', () => {
  it('names each role for people', () => {
    expect(roleLabels).toEqual({ admin: 'Administrator', helpdesk: 'Help desk', auditor: 'Auditor' });
  });
});
