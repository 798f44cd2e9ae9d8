import type { ConnectionCheck } from '@session-desk/contracts';
import { describe, expect, it } from 'vitest';
import { checkLabel, groupChecks, problemTitle } from './connection-view';

const check = (id: string, status: ConnectionCheck['status'], realm?: string): ConnectionCheck => ({ id, status, message: id, ...(realm ? { realm } : {}) });

describe('groupChecks', () => {
  it('puts Keycloak first, then operator sign-in, then each managed realm in its own group', () => {
    const checks = [
      check('keycloak', 'ok'),
      check('service-token', 'ok', 'staff'),
      check('service-role:manage-users', 'fail', 'staff'),
      check('events', 'ok', 'staff'),
      check('service-token', 'ok', 'customers'),
      check('redirect-uri', 'ok', 'staff'),
      check('operator-client', 'ok', 'staff'),
      check('backchannel-logout', 'warn'),
      check('keycloak-version', 'ok'),
    ];
    const groups = groupChecks({ checks, operatorRealm: 'staff', managedRealms: ['staff', 'customers'] });
    expect(groups.map((group) => [group.title, group.checks.map((c) => `${c.id}@${c.realm ?? '-'}`)])).toEqual([
      ['Keycloak', ['keycloak@-', 'keycloak-version@-']],
      ['Operator sign-in (realm staff)', ['redirect-uri@staff', 'operator-client@staff', 'backchannel-logout@-']],
      ['Managed realm staff', ['service-token@staff', 'service-role:manage-users@staff', 'events@staff']],
      ['Managed realm customers', ['service-token@customers']],
    ]);
  });

  it('leaves out groups without checks (Keycloak down: only its own check)', () => {
    const groups = groupChecks({ checks: [check('keycloak', 'fail')], operatorRealm: 'staff', managedRealms: ['staff'] });
    expect(groups.map((group) => group.key)).toEqual(['keycloak']);
  });
});

describe('checkLabel', () => {
  it('names a role check by its role and falls back to the id', () => {
    expect(checkLabel('service-role:view-events')).toBe('Role view-events');
    expect(checkLabel('redirect-uri')).toBe('Redirect URI matches PUBLIC_URL');
    expect(checkLabel('something-new')).toBe('something-new');
  });

  it('says which realm a problem is in', () => {
    expect(problemTitle(check('service-role:manage-users', 'fail', 'staff'))).toBe('Role manage-users (realm staff)');
    expect(problemTitle(check('deadline', 'fail'))).toBe('Checks finished in time');
  });
});
