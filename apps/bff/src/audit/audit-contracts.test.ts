import { describe, expect, it } from 'vitest';
import { auditExportQuerySchema, auditQuerySchema, auditRecordSchema } from '@session-desk/contracts';
import { GENESIS_HASH } from './audit-hash.js';
import { encodeCursor } from './audit-cursor.js';

describe('auditQuerySchema', () => {
  it('applies defaults and coerces the limit', () => {
    expect(auditQuerySchema.parse({})).toEqual({ limit: 50 });
    expect(auditQuerySchema.parse({ limit: '500', operator: ' al* ', outcome: 'unknown' })).toEqual({ limit: 500, operator: 'al*', outcome: 'unknown' });
  });

  it.each([
    ['a repeated parameter', { operator: ['a', 'b'] }],
    ['a repeated limit', { limit: ['5', '6'] }],
    ['a limit of 0', { limit: '0' }],
    ['a limit above 500', { limit: '501' }],
    ['a fractional limit', { limit: '2.5' }],
    ['a word as limit', { limit: 'ten' }],
    ['an unknown action', { action: 'user.delete' }],
    ['the stored-only outcome attempted', { outcome: 'attempted' }],
    ['a date without time', { from: '2025-01-31' }],
    ['a time range backwards', { from: '2025-02-01T00:00:00Z', to: '2025-01-01T00:00:00Z' }],
    ['a cursor with foreign characters', { cursor: 'abc=' }],
    ['an overlong cursor', { cursor: 'a'.repeat(201) }],
    ['a realm with a slash', { realm: '../master' }],
    ['an empty operator', { operator: '  ' }],
  ])('rejects %s', (_name, query) => {
    expect(auditQuerySchema.safeParse(query).success).toBe(false);
  });

  it.each(['bulk.start', 'bulk.item'])('knows the bulk job action %s (a refused job is bulk.start, each item bulk.item)', (action) => {
    expect(auditQuerySchema.parse({ action })).toEqual({ limit: 50, action });
  });

  it('accepts a cursor the store issued and offset date-times', () => {
    const parsed = auditQuerySchema.parse({ cursor: encodeCursor(123), from: '2025-01-31T12:00:00+02:00', to: '2025-01-31T12:00:00Z' });
    expect(parsed.cursor).toBe(encodeCursor(123));
  });
});

describe('auditExportQuerySchema', () => {
  it('defaults to CSV and knows only csv and jsonl', () => {
    expect(auditExportQuerySchema.parse({})).toEqual({ format: 'csv' });
    expect(auditExportQuerySchema.parse({ format: 'jsonl', realm: 'demo' })).toEqual({ format: 'jsonl', realm: 'demo' });
    expect(auditExportQuerySchema.safeParse({ format: 'xlsx' }).success).toBe(false);
  });
});

describe('auditRecordSchema', () => {
  it('describes what the store returns', () => {
    const record = {
      seq: 1,
      id: '5b0c1a4e-7c8e-4a53-9a0e-2f7f4f1d8c11',
      at: '2025-01-31T12:00:00.000Z',
      operator: { id: 'op-1', username: 'alice', role: 'helpdesk' },
      realm: 'demo',
      targetUser: null,
      sessionId: null,
      action: 'realm.logout-all',
      reason: 'incident 42',
      outcome: 'unknown',
      error: null,
      details: { jobId: 'j-1', counts: [1, 2] },
      requestId: 'r',
      ip: '::1',
      jobId: null,
      attemptSeq: null,
      hash: 'a'.repeat(64),
      prevHash: GENESIS_HASH,
    };
    expect(auditRecordSchema.parse(record)).toEqual(record);
  });
});
