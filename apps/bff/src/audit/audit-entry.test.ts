import { describe, expect, it } from 'vitest';
import { REALM_NAME_MAX_LENGTH, USER_ID_MAX_LENGTH } from '@session-desk/contracts';
import { completionOf, plainSubject, prepareEntry, sealEntry, subjectSchema } from './audit-entry.js';
import { canonicalJson, hashAuditContent } from './audit-hash.js';
import { recordToColumns } from './audit-row.js';
import type { NewAuditEntry } from './audit-store.js';
import type { AuditRecord } from '@session-desk/contracts';

const item = (i: number, overrides: Partial<NewAuditEntry> = {}): NewAuditEntry => ({
  operator: { id: 'op-1', username: 'alice', role: 'helpdesk' },
  realm: 'large',
  action: 'bulk.item',
  outcome: 'attempted',
  requestId: 'req-1',
  ip: '127.0.0.1',
  reason: 'stolen laptop\u0000 reported',
  jobId: 'job-1',
  targetUser: { id: `user-${i}`, username: `user${i}` },
  sessionId: `session-${i}`,
  details: { type: 'regular', ipAddress: `10.0.0.${i}` },
  ...overrides,
});

describe('prepareEntry for the records of one job', () => {
  it('gives every item what a first check gives, its own subject checked each time', () => {
    const first = prepareEntry(item(1));
    const second = prepareEntry(item(2));
    expect(first.reason).toBe('stolen laptop\uFFFD reported');
    expect(second).toEqual({ ...first, targetUser: { id: 'user-2', username: 'user2' }, sessionId: 'session-2', details: { type: 'regular', ipAddress: '10.0.0.2' } });
    expect(() => prepareEntry(item(3, { sessionId: 'x'.repeat(201) }))).toThrow(/sessionId/);
    expect(() => prepareEntry(item(4, { targetUser: { id: '', username: 'u' } }))).toThrow(/targetUser\.id/);
    expect(() => prepareEntry(item(5, { outcome: 'succeeded' }))).toThrow(/attemptSeq/);
  });

  it('checks the acting fields again when any of them differs from an entry checked before', () => {
    prepareEntry(item(1));
    expect(() => prepareEntry(item(1, { operator: { id: 'op-1', username: 'alice', role: 'root' as 'admin' } }))).toThrow(/operator\.role/);
    expect(() => prepareEntry(item(1, { reason: 'r'.repeat(2_001) }))).toThrow(/reason/);
    expect(() => prepareEntry(item(1, { realm: '' }))).toThrow(/realm/);
    expect(() => prepareEntry(item(1, { jobId: 7 as unknown as string }))).toThrow(/jobId/);
  });

  it('names the problems of both parts in one error', () => {
    expect(() => prepareEntry(item(1, { requestId: 'r'.repeat(201), sessionId: 's'.repeat(201) }))).toThrow(/requestId.*sessionId/);
  });

  it('hands each record its own operator object', () => {
    const first = prepareEntry(item(1));
    const second = prepareEntry(item(2));
    expect(first.operator).not.toBe(second.operator);
    (first.operator as { role: string }).role = 'admin';
    expect(prepareEntry(item(3)).operator.role).toBe('helpdesk');
  });
});

describe('prepareEntry and the longest names Keycloak stores', () => {
  // Keycloak keeps usernames and realm names of up to 255 characters (its default user profile allows
  // usernames that long), and the routes accept user ids of up to 1,024 (federated ids): the trail
  // must record actions on every one of them.
  const username = 'u'.repeat(255);
  const userId = `f:${'i'.repeat(USER_ID_MAX_LENGTH - 2)}`;

  it('records a target user, an operator and a realm as long as the routes accept', () => {
    const entry = prepareEntry(item(1, { targetUser: { id: userId, username }, operator: { id: userId, username, role: 'admin' }, realm: 'r'.repeat(REALM_NAME_MAX_LENGTH) }));
    expect(entry.targetUser).toEqual({ id: userId, username });
    expect(entry.operator.username).toBe(username);
    expect(entry.realm).toHaveLength(REALM_NAME_MAX_LENGTH);
  });

  it('refuses one character more, which Keycloak cannot hold either', () => {
    expect(() => prepareEntry(item(2, { targetUser: { id: 'u-1', username: 'u'.repeat(256) } }))).toThrow(/targetUser\.username/);
    expect(() => prepareEntry(item(3, { realm: 'r'.repeat(REALM_NAME_MAX_LENGTH + 1) }))).toThrow(/realm/);
    expect(() => prepareEntry(item(4, { targetUser: { id: `${userId}x`, username: 'u' } }))).toThrow(/targetUser\.id/);
  });
});

describe('completionOf and the attempt\'s details', () => {
  const at = { seq: 7, prevHash: '0'.repeat(64), at: new Date('2026-12-03T10:00:00.000Z') };

  it('shares the frozen details of an attempt made by append, and records them as they were', () => {
    const attempt = sealEntry(prepareEntry(item(1, { details: { type: 'regular', ipAddress: '10.0.0.1', nested: { list: [1, 'two'] } } })), at);
    expect(Object.isFrozen(attempt.details)).toBe(true);
    expect(Object.isFrozen((attempt.details as { nested: object }).nested)).toBe(true);
    const outcome = prepareEntry(completionOf(attempt, { outcome: 'succeeded', error: null }));
    expect(outcome.details).toBe(attempt.details);
    expect(outcome.details).toEqual({ type: 'regular', ipAddress: '10.0.0.1', nested: { list: [1, 'two'] } });
  });

  it('copies and freezes the details of an attempt read back from the store (not frozen)', () => {
    const stored = { ...sealEntry(prepareEntry(item(2)), at), details: { type: 'offline', ipAddress: '10.0.0.2' } };
    const outcome = prepareEntry(completionOf(stored, { outcome: 'failed', error: 'gone' }));
    expect(outcome.details).not.toBe(stored.details);
    expect(outcome.details).toEqual({ type: 'offline', ipAddress: '10.0.0.2' });
    expect(Object.isFrozen(outcome.details)).toBe(true);
    stored.details.type = 'regular';
    expect(outcome.details).toEqual({ type: 'offline', ipAddress: '10.0.0.2' });
  });

  it('copies details frozen only at the top (not made by the entry\'s check)', () => {
    const nested = { list: ['a'] };
    const stored = { ...sealEntry(prepareEntry(item(4)), at), details: Object.freeze({ nested }) as unknown as AuditRecord['details'] };
    const outcome = prepareEntry(completionOf(stored, { outcome: 'succeeded', error: null }));
    expect(outcome.details).not.toBe(stored.details);
    nested.list.push('b');
    expect(outcome.details).toEqual({ nested: { list: ['a'] } });
  });

  it('checks and freezes new details given with the outcome', () => {
    const attempt = sealEntry(prepareEntry(item(3)), at);
    const outcome = prepareEntry(completionOf(attempt, { outcome: 'succeeded', error: null, details: { ended: 3 } }));
    expect(outcome.details).toEqual({ ended: 3 });
    expect(Object.isFrozen(outcome.details)).toBe(true);
  });
});

describe('the canonical text of an entry\'s details, written once', () => {
  it('hashes and stores the same text as details copied afresh (nothing remembered)', () => {
    const details = { z: [3, { b: null, a: true }], a: 'x', '10': 1, '9': 2, é: -0 };
    const record = sealEntry(prepareEntry(item(1, { details })), { seq: 3, prevHash: '0'.repeat(64), at: new Date('2026-12-03T10:00:00.000Z') });
    const { hash, ...content } = record;
    const copied = { ...content, details: structuredClone(content.details) };
    expect(hash).toBe(hashAuditContent(copied));
    expect(recordToColumns(record)[14]).toBe(canonicalJson(copied.details));
    expect(recordToColumns(record)[14]).toBe('{"10":1,"9":2,"a":"x","z":[3,{"a":true,"b":null}],"\u00e9":0}'.replace('\\u00e9', 'é'));
  });
});

describe('plainSubject, the check of a bulk item\'s subject without zod', () => {
  const base = item(1);
  const variants: Array<[string, Partial<Record<keyof NewAuditEntry, unknown>>]> = [
    ['a bulk attempt', {}],
    ['a refusal without target, session or details', { outcome: 'refused', targetUser: null, sessionId: undefined, details: undefined, error: 'policy' }],
    ['an outcome naming its attempt', { outcome: 'succeeded', attemptSeq: 12 }],
    ['an outcome without its attempt', { outcome: 'failed' }],
    ['an attempt naming an attempt', { attemptSeq: 3 }],
    ['attemptSeq 0, 1.5, NaN, 2^53 and a string', { outcome: 'failed', attemptSeq: 0 }],
    ['attemptSeq 1.5', { outcome: 'failed', attemptSeq: 1.5 }],
    ['attemptSeq NaN', { outcome: 'failed', attemptSeq: Number.NaN }],
    ['attemptSeq 2^53', { outcome: 'failed', attemptSeq: 2 ** 53 }],
    ['attemptSeq as text', { outcome: 'failed', attemptSeq: '4' }],
    ['an unknown outcome', { outcome: 'done' }],
    ['a target user with extra keys', { targetUser: { id: 'u', username: 'n', email: 'x@y' } }],
    ['a target user with an empty id', { targetUser: { id: '', username: 'n' } }],
    ['a target user at the limits', { targetUser: { id: 'i'.repeat(USER_ID_MAX_LENGTH), username: 'n'.repeat(255) } }],
    ['a target user over the id limit', { targetUser: { id: 'i'.repeat(USER_ID_MAX_LENGTH + 1), username: 'n' } }],
    ['a target user over the username limit', { targetUser: { id: 'i', username: 'n'.repeat(256) } }],
    ['a target user as an array', { targetUser: ['u', 'n'] }],
    ['a target user with a lone surrogate and NUL', { targetUser: { id: 'a\uD800b', username: 'x\u0000y' } }],
    ['a session id at 200 and at 201', { sessionId: 's'.repeat(200) }],
    ['a session id at 201', { sessionId: 's'.repeat(201) }],
    ['a session id as a number', { sessionId: 12 }],
    ['an error at 4,000', { outcome: 'refused', error: 'e'.repeat(4_000) }],
    ['an error at 4,001', { outcome: 'refused', error: 'e'.repeat(4_001) }],
    ['details with -0, a boolean, null and a NUL', { details: { n: -0, b: true, z: null, t: 'a\u0000' } }],
    ['details with integer-like keys', { details: { '10': 'a', '9': 'b', B: 1, a: 2 } }],
    ['details nested', { details: { list: [1, 2], inner: { a: 1 } } }],
    ['details with NaN', { details: { n: Number.NaN } }],
    ['details with undefined', { details: { u: undefined } }],
    ['details too long', { details: { long: 'x'.repeat(8_200) } }],
    ['details as an array', { details: ['a'] }],
    ['details made by a class', { details: new (class Details { type = 'regular'; })() }],
    ['details with a __proto__ key (zod drops it)', { details: JSON.parse('{"__proto__":"x","type":"regular"}') as unknown }],
    ['details with a symbol key (zod refuses it)', { details: { type: 'regular', [Symbol('k')]: 1 } }],
    ['details with a getter', { details: Object.defineProperty({ type: 'regular' }, 'ipAddress', { get: () => '10.0.0.1', enumerable: true }) }],
    ['details with a key that is not enumerable', { details: Object.defineProperty({ type: 'regular' }, 'hidden', { value: 'x', enumerable: false }) }],
  ];

  it.each(variants)('%s: the same answer as the schema, or left to it', (what, change) => {
    const entry = { ...base, ...change } as NewAuditEntry;
    const parsed = subjectSchema.safeParse(entry);
    const plain = plainSubject(entry);
    const handled = ['a bulk attempt', 'a refusal without target, session or details', 'an outcome naming its attempt', 'a target user with extra keys', 'a target user at the limits', 'a target user with a lone surrogate and NUL', 'a session id at 200 and at 201', 'an error at 4,000', 'details with -0, a boolean, null and a NUL', 'details with integer-like keys'];
    expect(plain === undefined).toBe(!handled.includes(what));
    if (plain === undefined) return;
    expect(parsed.success).toBe(true);
    if (!parsed.success) return;
    expect(plain).toStrictEqual(parsed.data);
    expect(Object.keys(plain)).toEqual(Object.keys(parsed.data));
  });

  it('answers for the entries a bulk job makes, so zod is not run for them', () => {
    expect(plainSubject(item(7))).toBeDefined();
    expect(plainSubject(item(7, { outcome: 'refused', error: 'not allowed' }))).toBeDefined();
    expect(plainSubject(item(7, { targetUser: null, details: null }))).toBeDefined();
  });

  it('leaves every entry the schema refuses to the schema, which names the problem', () => {
    for (const [, change] of variants) {
      const entry = { ...base, ...change } as NewAuditEntry;
      if (!subjectSchema.safeParse(entry).success) expect(plainSubject(entry)).toBeUndefined();
    }
    expect(() => prepareEntry(item(1, { attemptSeq: 1.5, outcome: 'failed' }))).toThrow(/attemptSeq/);
    expect(() => prepareEntry(item(1, { details: { type: 'regular', [Symbol('k')]: 1 } as NewAuditEntry['details'] }))).toThrow(/Invalid audit entry/);
  });

  it('writes what it checked: a target user read through getters is read once', () => {
    let reads = 0;
    const targetUser = Object.defineProperty({ username: 'u' }, 'id', { get: () => (++reads === 1 ? 'user-1' : 7), enumerable: true }) as { id: string; username: string };
    expect(plainSubject(item(1, { targetUser }))?.targetUser).toEqual({ id: 'user-1', username: 'u' });
    expect(reads).toBe(1);
  });
});
