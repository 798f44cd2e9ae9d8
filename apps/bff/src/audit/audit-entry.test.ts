import { describe, expect, it } from 'vitest';
import { REALM_NAME_MAX_LENGTH, USER_ID_MAX_LENGTH } from '@session-desk/contracts';
import { prepareEntry } from './audit-entry.js';
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
