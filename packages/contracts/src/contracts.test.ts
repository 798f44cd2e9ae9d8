import { describe, expect, it } from 'vitest';
import { realmNameSchema, reasonSchema, sessionIdSchema, userIdSchema } from './ids.js';
import { endSessionBodySchema, endSessionQuerySchema, sessionListQuerySchema } from './sessions.js';
import { logoutUserBodySchema } from './users.js';

describe('identifiers', () => {
  it.each(['demo', 'acme-prod', 'realm_2'])('accepts the realm name %s', (name) => {
    expect(realmNameSchema.safeParse(name).success).toBe(true);
  });

  it.each(['../master', '..', '.', 'demo/../master', '%2e%2e', 'de mo', '', 'a'.repeat(65), 'demo\u0000', '-demo'])(
    'rejects the realm name %j',
    (name) => {
      expect(realmNameSchema.safeParse(name).success).toBe(false);
    },
  );

  it('accepts Keycloak 26 session ids and UUIDs, rejects traversal', () => {
    expect(sessionIdSchema.safeParse('5_-ZhIVByehDc9XoI4NYN7-q').success).toBe(true);
    expect(sessionIdSchema.safeParse('6f086ffd-f309-45a7-9df2-2e5afa0fc392').success).toBe(true);
    expect(sessionIdSchema.safeParse('../../users').success).toBe(false);
    expect(sessionIdSchema.safeParse('x'.repeat(65)).success).toBe(false);
  });

  it('accepts user ids, including federated ones', () => {
    expect(userIdSchema.safeParse('6f086ffd-f309-45a7-9df2-2e5afa0fc392').success).toBe(true);
    expect(userIdSchema.safeParse('f:ldap:1234').success).toBe(true);
    expect(userIdSchema.safeParse('../admin').success).toBe(false);
  });

  it('requires a reason of 3 to 500 characters, trimmed', () => {
    expect(reasonSchema.safeParse('  ok ').success).toBe(false);
    expect(reasonSchema.parse('  lost laptop  ')).toBe('lost laptop');
    expect(reasonSchema.safeParse('x'.repeat(501)).success).toBe(false);
  });
});

describe('session list query', () => {
  it('applies defaults', () => {
    expect(sessionListQuerySchema.parse({})).toEqual({ first: 0, max: 50, sort: 'lastAccess:desc' });
  });

  it.each([{ first: '-1' }, { max: '0' }, { max: '501' }, { first: 'abc' }, { type: 'weird' }, { sort: 'id:asc' }, { first: '1e400' }])(
    'rejects %j',
    (query) => {
      expect(sessionListQuerySchema.safeParse(query).success).toBe(false);
    },
  );

  it('coerces numbers from the query string', () => {
    expect(sessionListQuerySchema.parse({ first: '100', max: '25', type: 'offline' })).toMatchObject({ first: 100, max: 25, type: 'offline' });
  });
});

describe('destructive bodies', () => {
  it('needs a reason to end a session', () => {
    expect(endSessionBodySchema.safeParse({}).success).toBe(false);
    expect(endSessionBodySchema.safeParse({ reason: 42 }).success).toBe(false);
    expect(endSessionBodySchema.parse({ reason: 'stolen laptop' })).toEqual({ reason: 'stolen laptop' });
  });

  it('reads the offline flag strictly', () => {
    expect(endSessionQuerySchema.parse({ offline: 'true' }).offline).toBe(true);
    expect(endSessionQuerySchema.parse({}).offline).toBe(false);
    expect(endSessionQuerySchema.safeParse({ offline: 'yes' }).success).toBe(false);
  });

  it('defaults logout to regular sessions only', () => {
    expect(logoutUserBodySchema.parse({ reason: 'compromised' })).toEqual({ reason: 'compromised', includeOffline: false });
    expect(logoutUserBodySchema.safeParse({ reason: 'compromised', includeOffline: 'yes' }).success).toBe(false);
  });
});
