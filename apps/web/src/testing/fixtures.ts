import type { MeResponse, Role } from '@session-desk/contracts';

const permissionsByRole: Record<Role, MeResponse['permissions']> = {
  admin: [
    'sessions:read',
    'users:read',
    'sessions:end',
    'users:logout',
    'own-sessions:read',
    'own-sessions:end',
    'audit:read',
    'events:read',
    'bulk:end',
    'bulk:end-all-matching',
    'realm:logout-all',
    'realm:revoke-tokens',
  ],
  helpdesk: ['sessions:read', 'users:read', 'sessions:end', 'users:logout', 'own-sessions:read', 'audit:read-own'],
  auditor: ['sessions:read', 'users:read', 'audit:read', 'events:read'],
};

const people: Record<Role, { username: string; name: string }> = {
  admin: { username: 'ada.admin', name: 'Ada Admin' },
  helpdesk: { username: 'hal.helpdesk', name: 'Hal Helpdesk' },
  auditor: { username: 'alma.auditor', name: 'Alma Auditor' },
};

/** An /api/me answer for an operator of the given role (overridable). */
export function operatorFixture(role: Role, overrides: Partial<MeResponse> = {}): MeResponse {
  return {
    id: `id-${role}`,
    ...people[role],
    email: `${people[role].username}@example.test`,
    roles: [role],
    primaryRole: role,
    permissions: permissionsByRole[role],
    realm: 'session-desk',
    sessionExpiresAt: '2030-01-01T12:00:00.000Z',
    ...overrides,
  };
}
