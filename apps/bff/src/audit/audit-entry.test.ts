import { describe, expect, it } from 'vitest';
import { REALM_NAME_MAX_LENGTH, USER_ID_MAX_LENGTH } from '@session-desk/contracts';
import { completionOf, prepareEntry, sealEntry } from './audit-entry.js';
import { canonicalJson, hashAuditContent } from './audit-hash.js';
import { recordToColumns } from './audit-row.js';
import type { NewAuditEntry } from './audit-store.js';

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
