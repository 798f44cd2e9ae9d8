import { describe, expect, it } from 'vitest';
import type { AuditRecord } from '@session-desk/contracts';
import { auditRecord } from '../testing/audit-records.js';
import { canonicalJson, GENESIS_HASH, hashAuditContent, sha256Hex, type HashedAuditContent, type JsonValue } from './audit-hash.js';

// The record without its own hash, as the trail hashes it.
const { hash: _ownHash, ...content }: HashedAuditContent & { hash: string } = auditRecord({
  seq: 1,
  sessionId: 'sess-123456',
  action: 'session.end',
  attemptSeq: null,
  prevHash: GENESIS_HASH,
});

describe('canonicalJson', () => {
  it('orders keys at every depth and drops no value', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: null, y: true }], c: 'x' } })).toBe('{"a":{"c":"x","d":[3,{"y":true,"z":null}]},"b":1}');
  });

  it('gives the same text whatever order the keys were added in', () => {
    expect(canonicalJson({ x: 1, y: 2 })).toBe(canonicalJson({ y: 2, x: 1 }));
  });

  it('escapes strings as JSON does, including quotes, control characters and non-ASCII', () => {
    expect(canonicalJson({ k: 'a"b\\c\n\u0001é😀' })).toBe('{"k":"a\\"b\\\\c\\n\\u0001é😀"}');
  });

  it('refuses numbers JSON cannot represent', () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(new TypeError('canonical JSON has no representation for a non-finite number'));
    expect(() => canonicalJson([Number.POSITIVE_INFINITY])).toThrow(TypeError);
  });

  it('leaves out a property holding undefined, as JSON.stringify does', () => {
    const withUndefined = { b: 1, a: undefined } as unknown as JsonValue;
    expect(canonicalJson(withUndefined)).toBe('{"b":1}');
    expect(canonicalJson(withUndefined)).toBe(JSON.stringify(withUndefined));
  });
});

describe('the chain constants', () => {
  it('starts the chain from 64 zeros', () => {
    expect(GENESIS_HASH).toBe('0000000000000000000000000000000000000000000000000000000000000000');
  });

  it('hashes with SHA-256, hex encoded (the FIPS 180-2 "abc" test vector)', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('hashAuditContent', () => {
  it('is a SHA-256 over the canonical JSON of every field but the hash', () => {
    const hash = hashAuditContent(content);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).toBe(sha256Hex(canonicalJson({ ...content })));
  });

  it('is stable for the same content however the object was built', () => {
    const reordered = Object.fromEntries(Object.entries(content).reverse()) as HashedAuditContent;
    expect(hashAuditContent(reordered)).toBe(hashAuditContent(content));
  });

  it('ignores properties that are not part of a record', () => {
    const extra = { ...content, hash: 'f'.repeat(64), somethingElse: 1 } as HashedAuditContent;
    expect(hashAuditContent(extra)).toBe(hashAuditContent(content));
  });

  it.each([
    ['reason', { reason: 'Lost laptop.' }],
    ['outcome', { outcome: 'failed' as const }],
    ['seq', { seq: 2 }],
    ['prevHash', { prevHash: '1'.repeat(64) }],
    ['details', { details: { endedRegular: 3, endedOffline: 2 } }],
    ['operator role', { operator: { ...content.operator, role: 'admin' as const } }],
    ['target user', { targetUser: null }],
  ])('changes when the %s changes', (_field, change) => {
    expect(hashAuditContent({ ...content, ...change })).not.toBe(hashAuditContent(content));
  });
});

/** canonicalJson as first written (map, sort and join): every stored record's hash was made with this text. */
function canonicalJsonAsFirstWritten(value: JsonValue): string {
  if (value === null || typeof value === 'string' || typeof value === 'boolean' || typeof value === 'number') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJsonAsFirstWritten).join(',')}]`;
  const members = Object.keys(value)
    .sort()
    .flatMap((key) => (value[key] === undefined ? [] : [`${JSON.stringify(key)}:${canonicalJsonAsFirstWritten(value[key])}`]));
  return `{${members.join(',')}}`;
}

describe('hashes of records already stored', () => {
  const withoutHash = ({ hash: _hash, ...rest }: AuditRecord): HashedAuditContent => rest;
  // Hashes computed by the trail's first hashing code, before it was rewritten to allocate less: a
  // changed byte in the hashed text would break the chain of every trail already written.
  it.each([
    ['a user logout', auditRecord(), '173eedc7e24ce70a00c5004b5c1e2e0c4bf52b688229765bb08886540f18b745'],
    [
      'a bulk item with quotes, a backslash, a line break, a control character and emoji',
      auditRecord({
        action: 'bulk.item',
        targetUser: { id: 'u-2', username: 'Zoë "quoted" \\ ✓😀' },
        sessionId: 's-1',
        jobId: 'j-1',
        details: { type: 'regular', ipAddress: '2001:db8::1' },
        attemptSeq: null,
        outcome: 'attempted',
        reason: 'line\nbreak\u0001',
      }),
      '4de2ca4474ee7ab96e4ea8b2ed62e57c565937f659df815ead46eaf1f0c8e949',
    ],
    [
      'nested details, keys differing in case, an empty key and no target user',
      auditRecord({ targetUser: null, error: 'keycloak_error: x', details: { z: [3, { b: null, a: true, B: 1.5 }], a: 'x', é: -0, '': 'empty' } as AuditRecord['details'] }),
      '4e89322dece048bc9b34338423e1587708c85843746661cf98b1489442fc8af9',
    ],
  ])('%s hashes as before', (_what, record, hash) => {
    expect(hashAuditContent(withoutHash(record))).toBe(hash);
  });

  it('hashes varied records as the first code did (canonical JSON of every field but the hash)', () => {
    const records: HashedAuditContent[] = [
      withoutHash(auditRecord()),
      withoutHash(auditRecord({ targetUser: null, details: null, reason: null, sessionId: null, jobId: null, error: null })),
      withoutHash(auditRecord({ outcome: 'succeeded', attemptSeq: 41, seq: 42, details: { '10': 1, '9': [{ b: 2, a: 1 }], A: 'é', a: '\u0000' } as AuditRecord['details'] })),
      withoutHash(auditRecord({ outcome: 'failed', attemptSeq: 7, error: 'keycloak_error: "quoted" \\ \n', operator: { id: 'o', username: 'Ünïcödé 😀', role: 'helpdesk' } })),
      withoutHash(auditRecord({ action: 'bulk.item', details: { type: 'offline', ipAddress: '2001:db8::1' }, targetUser: { id: 'x'.repeat(1024), username: 'y'.repeat(255) } })),
    ];
    for (const record of records) expect(hashAuditContent(record)).toBe(sha256Hex(canonicalJsonAsFirstWritten({ ...record } as unknown as JsonValue)));
  });

  it('refuses a sequence number JSON cannot represent, as canonicalJson does', () => {
    expect(() => hashAuditContent({ ...withoutHash(auditRecord()), seq: Number.NaN })).toThrow(TypeError);
    expect(() => hashAuditContent({ ...withoutHash(auditRecord()), attemptSeq: Number.POSITIVE_INFINITY })).toThrow(TypeError);
  });

  it('writes the same text as the first canonicalJson for varied values', () => {
    const values: JsonValue[] = [
      { constructor: 1, toString: 'x', __proto__x: null, hasOwnProperty: [1, 2] },
      { b: [{ d: 1, c: [] }, {}], a: { '\u00e9': 'é', e: 'e', E: 'E', '10': 1, '9': 2 } },
      [null, true, false, 0, -1.25, 1e21, 'a"b', { x: { y: { z: [] } } }],
      { empty: {}, list: [], nothing: null },
    ];
    for (const value of values) expect(canonicalJson(value)).toBe(canonicalJsonAsFirstWritten(value));
  });
});
