import { describe, expect, it } from 'vitest';
import { permissions } from '@session-desk/contracts';
import { hasPermission, permissionsFor, primaryRole } from './permissions.js';

const changing = [
  'sessions:end',
  'users:logout',
  'own-sessions:end',
  'bulk:end',
  'bulk:end-all-matching',
  'realm:logout-all',
  'realm:revoke-tokens',
  'concerns:configure',
] as const;

describe('permissionsFor', () => {
  it('gives an admin every permission', () => {
    expect(permissionsFor(['admin'])).toEqual([...permissions]);
  });

  it('gives an auditor no permission that changes anything', () => {
    const granted = permissionsFor(['auditor']);
    for (const permission of changing) expect(granted).not.toContain(permission);
    expect(granted).toEqual(expect.arrayContaining(['sessions:read', 'users:read', 'audit:read', 'events:read']));
  });

  it('lets help-desk end sessions and log users out but not act on the whole realm', () => {
    const granted = permissionsFor(['helpdesk']);
    expect(granted).toEqual(expect.arrayContaining(['sessions:end', 'users:logout', 'bulk:end', 'audit:read-own']));
    expect(granted).not.toContain('realm:logout-all');
    expect(granted).not.toContain('realm:revoke-tokens');
    expect(granted).not.toContain('bulk:end-all-matching');
    expect(granted).not.toContain('audit:read');
    expect(granted).not.toContain('concerns:configure');
  });

  it('grants nothing without a role', () => {
    expect(permissionsFor([])).toEqual([]);
    expect(hasPermission([], 'sessions:read')).toBe(false);
  });

  it('unions the permissions of several roles in a stable order', () => {
    const granted = permissionsFor(['auditor', 'helpdesk']);
    expect(granted).toContain('audit:read');
    expect(granted).toContain('sessions:end');
    expect(granted).toEqual(permissions.filter((p) => granted.includes(p)));
  });
});

describe('hasPermission', () => {
  it.each([
    ['admin', 'realm:logout-all', true],
    ['helpdesk', 'sessions:end', true],
    ['helpdesk', 'realm:revoke-tokens', false],
    ['auditor', 'sessions:end', false],
    ['auditor', 'own-sessions:end', false],
    ['auditor', 'events:read', true],
  ] as const)('%s may %s: %s', (role, permission, expected) => {
    expect(hasPermission([role], permission)).toBe(expected);
  });
});

describe('primaryRole', () => {
  it('picks the strongest role held', () => {
    expect(primaryRole(['auditor', 'admin'])).toBe('admin');
    expect(primaryRole(['auditor', 'helpdesk'])).toBe('helpdesk');
    expect(primaryRole(['auditor'])).toBe('auditor');
    expect(primaryRole([])).toBeUndefined();
  });
});
