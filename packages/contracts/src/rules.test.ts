import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { auditActionSchema, auditTrailOutcomeSchema } from './audit.js';
import { adminEventsQuerySchema, loginEventsQuerySchema } from './events.js';
import { clientIdSchema, realmNameSchema, reasonSchema, userIdSchema } from './ids.js';
import {
  adminEventFilterProblems,
  auditActions,
  auditTrailOutcomes,
  clientIdProblem,
  isInstant,
  isOneOf,
  isRealmName,
  loginEventFilterProblems,
  realmNameProblem,
  REASON_MAX_LENGTH,
  REASON_MIN_LENGTH,
  reasonProblem,
  sessionSorts,
  sessionTypes,
  userIdProblem,
} from './rules.js';
import { sessionSortSchema, sessionTypeSchema } from './sessions.js';

/** The first message a schema reports for `value`, or undefined when it accepts it. */
function firstMessage(schema: z.ZodType, value: unknown): string | undefined {
  return schema.safeParse(value).error?.issues[0]?.message;
}

describe('reason rule', () => {
  it('has the limits and messages of the schema', () => {
    expect(REASON_MIN_LENGTH).toBe(3);
    expect(REASON_MAX_LENGTH).toBe(500);
    expect(reasonProblem('  ok ')).toBe('a reason of at least 3 characters is required');
    expect(reasonProblem('x'.repeat(501))).toBe('the reason may be at most 500 characters');
    expect(reasonProblem('  lost laptop  ')).toBeUndefined();
    expect(reasonProblem(`x${'y'.repeat(498)}z`)).toBeUndefined();
  });

  it.each([
    ['empty', ''],
    ['blank', '    '],
    ['too short once trimmed', ' ab  '],
    ['too long', 'a'.repeat(501)],
    ['fine', 'lost laptop'],
    ['fine, with tab and newline', 'lost\tlaptop\nticket 42'],
    ['a control character', 'lost\u0007laptop'],
    ['a C1 control character', 'lost\u0085laptop'],
    ['a bidirectional override', 'lost \u202Elaptop'],
    ['a lone surrogate', 'lost \uD800 laptop'],
    ['invisible text', '\u3164\u3164\u3164'],
    ['two letters and zero-width characters', 'a\u200B\u200Bb'],
    ['several problems at once', '\u0007\u202E'],
  ])('gives the first problem the schema reports: %s', (_, reason) => {
    expect(reasonProblem(reason)).toBe(firstMessage(reasonSchema, reason));
  });
});

describe('identifier rules', () => {
  it.each(['demo', 'acme.prod.eu', 'de mo', '%2e%2e', "o'brien~team", 'café', 'a'.repeat(255), '', '.', '..', 'demo/x', 'a@b', 'a\\b', 'a'.repeat(256), 'demo\u0000', 'demo\u0085'])(
    'realm name %j: the rule and realmNameSchema agree, message included',
    (name) => {
      expect(realmNameProblem(name)).toBe(firstMessage(realmNameSchema, name));
      expect(isRealmName(name)).toBe(realmNameSchema.safeParse(name).success);
    },
  );

  it('is not a realm name unless a string', () => {
    expect(isRealmName(null)).toBe(false);
    expect(isRealmName(undefined)).toBe(false);
    expect(isRealmName(7)).toBe(false);
  });

  it.each(['6f086ffd-f309-45a7-9df2-2e5afa0fc392', 'f:ldap:1234', 'f:x:../../master', '', '..', 'f:abc', 'f::x', 'f:x:a\nb', 'u'.repeat(1025)])(
    'user id %j: the rule and userIdSchema agree',
    (id) => {
      expect(userIdProblem(id)).toBe(firstMessage(userIdSchema, id));
    },
  );

  it.each(['account-console', 'https://app.example.com/saml', '', '.', 'a\u0000', 'c'.repeat(256)])('client id %j: the rule and clientIdSchema agree', (id) => {
    expect(clientIdProblem(id)).toBe(firstMessage(clientIdSchema, id));
  });
});

describe('value lists', () => {
  it('are the values the schemas accept', () => {
    expect(sessionTypeSchema.options).toEqual([...sessionTypes]);
    expect(sessionSortSchema.options).toEqual([...sessionSorts]);
    expect(auditActionSchema.options).toEqual([...auditActions]);
    expect(auditTrailOutcomeSchema.options).toEqual([...auditTrailOutcomes]);
  });

  it('isOneOf narrows to a member only', () => {
    expect(isOneOf(sessionTypes, 'offline')).toBe(true);
    expect(isOneOf(sessionTypes, 'Offline')).toBe(false);
    expect(isOneOf(sessionTypes, null)).toBe(false);
    expect(isOneOf(auditTrailOutcomes, 'attempted')).toBe(false);
  });
});

describe('event filter rules', () => {
  it.each(['2026-11-25T00:00:00+09:00', '2026-11-25T00:00:00.123Z', '2024-02-29T23:59:59-05:00', '1764028800000', '2026-11-25', '2026-11-25T00:00Z', '2025-02-29T00:00:00Z', '2026-11-25T24:00:00Z', 'yesterday', '1e3'])(
    'instant %j: isInstant and zod\'s ISO date-time with offset (or epoch milliseconds) agree',
    (value) => {
      expect(isInstant(value)).toBe(/^\d{1,15}$/.test(value) || z.iso.datetime({ offset: true }).safeParse(value).success);
    },
  );

  const loginShape = loginEventsQuerySchema.shape;
  it.each([
    ['type', 'LOGIN'],
    ['type', 'login'],
    ['user', 'f:x'],
    ['user', '6f086ffd-f309-45a7-9df2-2e5afa0fc392'],
    ['client', 'account'],
    ['client', '..'],
    ['ip', '10.0.0.1'],
    ['ip', 'localhost'],
    ['from', '2026-11-25T00:00:00+09:00'],
    ['to', '2026-11-25'],
  ] as const)('login events %s=%j: the rule and the query schema agree', (key, value) => {
    expect(loginEventFilterProblems[key](value)).toBe(firstMessage(loginShape[key], value));
  });

  const adminShape = adminEventsQuerySchema.shape;
  it.each([
    ['operation', 'DELETE'],
    ['operation', 'delete'],
    ['resourceType', 'USER_SESSION'],
    ['resourceType', 'user session'],
    ['from', '1764028800000'],
    ['to', 'tomorrow'],
  ] as const)('admin events %s=%j: the rule and the query schema agree', (key, value) => {
    expect(adminEventFilterProblems[key](value)).toBe(firstMessage(adminShape[key], value));
  });
});
