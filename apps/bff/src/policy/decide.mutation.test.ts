import { describe, expect, it } from 'vitest';
import type { Permission } from '@session-desk/contracts';
import { HttpError } from '../http/errors.js';
import { authorize } from './authorize.js';
import { decide } from './decide.js';

/*
 * What the operator is told when the policy refuses, written out (the refusal is part of the
 * specification: it names the role and the action), and the escalation guard permission by
 * permission. Added to kill the mutants StrykerJS found alive in decide.ts and authorize.ts.
 */

const managedRealms = ['demo', 'acme'];
const auditor = { id: 'op-auditor', roles: ['auditor'] as const };
const helpdesk = { id: 'op-helpdesk', roles: ['helpdesk'] as const };
const admin = { id: 'op-admin', roles: ['admin'] as const };

/** The words after "cannot" for every permission. */
const refusalWording: Record<Permission, string> = {
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

describe('what a refusal says', () => {
  it.each(Object.entries(refusalWording) as Array<[Permission, string]>)('%s: an account without a role is told it cannot %s', (permission, words) => {
    expect(decide({ operator: { id: 'x', roles: [] }, permission, managedRealms })).toEqual({
      allowed: false,
      status: 403,
      code: 'forbidden',
      reason: `Your account cannot ${words}.`,
    });
  });

  it('names the role the operator holds', () => {
    expect(decide({ operator: auditor, permission: 'realm:logout-all', realm: 'demo', managedRealms })).toMatchObject({ reason: 'The Auditor role cannot sign out a whole realm.' });
    expect(decide({ operator: helpdesk, permission: 'audit:read', realm: 'demo', managedRealms })).toMatchObject({ reason: 'The Help desk role cannot read the audit trail.' });
  });

  it('names the unmanaged realm, as not found, before looking at the role', () => {
    expect(decide({ operator: admin, permission: 'sessions:read', realm: 'master', managedRealms })).toEqual({
      allowed: false,
      status: 404,
      code: 'not_found',
      reason: 'Session Desk does not manage a realm named "master".',
    });
  });
});

describe('the escalation guard, permission by permission', () => {
  const onAdministrator = { isConsoleAdmin: true };

  it.each(['sessions:end', 'users:logout', 'bulk:end'] as const)('stops help-desk from %s on an administrator, and says why', (permission) => {
    expect(decide({ operator: helpdesk, permission, realm: 'demo', managedRealms, target: onAdministrator })).toEqual({
      allowed: false,
      status: 403,
      code: 'forbidden',
      reason: 'This user is a Session Desk administrator: only another administrator can end their sessions.',
    });
  });

  it.each(['sessions:read', 'users:read', 'own-sessions:read', 'own-sessions:end', 'audit:read-own'] as const)(
    'does not apply to %s (not an action on the target user)',
    (permission) => {
      expect(decide({ operator: helpdesk, permission, realm: 'demo', managedRealms, target: onAdministrator })).toEqual({ allowed: true });
    },
  );

  it('lets an administrator act on another administrator', () => {
    for (const permission of ['sessions:end', 'users:logout', 'bulk:end', 'bulk:end-all-matching'] as const) {
      expect(decide({ operator: admin, permission, realm: 'demo', managedRealms, target: onAdministrator })).toEqual({ allowed: true });
    }
  });
});

describe('service accounts as targets', () => {
  const acting = ['sessions:end', 'users:logout', 'bulk:end', 'bulk:end-all-matching'] as const;
  const ownServiceAccount = { isConsoleAdmin: false, serviceAccountOf: 'session-desk-service', consoleServiceClientId: 'session-desk-service' };
  const otherServiceAccount = { isConsoleAdmin: false, serviceAccountOf: 'billing', consoleServiceClientId: 'session-desk-service' };

  it.each(acting)("refuses even an administrator %s on the console's own service account", (permission) => {
    expect(decide({ operator: admin, permission, realm: 'demo', managedRealms, target: ownServiceAccount })).toEqual({
      allowed: false,
      status: 403,
      code: 'forbidden',
      reason: "This is Session Desk's own service account: logging it out would revoke the console's access to Keycloak.",
    });
  });

  it.each(['sessions:end', 'users:logout', 'bulk:end'] as const)("lets only an administrator %s on another client's service account", (permission) => {
    expect(decide({ operator: admin, permission, realm: 'demo', managedRealms, target: otherServiceAccount })).toEqual({ allowed: true });
    expect(decide({ operator: helpdesk, permission, realm: 'demo', managedRealms, target: otherServiceAccount })).toEqual({
      allowed: false,
      status: 403,
      code: 'forbidden',
      reason: 'This user is the service account of the client "billing", not a person: only an administrator can log it out (it revokes the client\'s tokens).',
    });
  });

  it('lets help-desk read a service account (the guard is about acting)', () => {
    expect(decide({ operator: helpdesk, permission: 'users:read', realm: 'demo', managedRealms, target: ownServiceAccount })).toEqual({ allowed: true });
  });
});

describe('authorize', () => {
  it('throws the refusal as an HttpError with its status, code and reason', () => {
    let thrown: unknown;
    try {
      authorize(auditor, 'sessions:end', managedRealms, 'demo');
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(HttpError);
    expect(thrown).toMatchObject({ status: 403, code: 'forbidden', message: "The Auditor role cannot end users' sessions." });
    expect(() => authorize(admin, 'sessions:read', managedRealms, 'elsewhere')).toThrow(expect.objectContaining({ status: 404, code: 'not_found' }));
  });

  it('returns quietly when the policy allows', () => {
    expect(authorize(helpdesk, 'sessions:end', managedRealms, 'demo')).toBeUndefined();
    expect(authorize(auditor, 'audit:read', managedRealms)).toBeUndefined();
  });
});
