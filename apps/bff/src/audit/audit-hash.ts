import { createHash } from 'node:crypto';
import type { AuditRecord } from '@session-desk/contracts';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** The `prevHash` of the first record. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * JSON with object keys in code-unit order at every depth and no whitespace, so the same content
 * always gives the same bytes whatever order the fields were assembled or read back in.
 */
export function canonicalJson(value: JsonValue): string {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('canonical JSON has no representation for a non-finite number');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(value).sort();
  const members = keys.flatMap((key) => {
    const member = value[key];
    // A property holding undefined is not JSON; leaving it out keeps the hash equal to the stored row's.
    return member === undefined ? [] : [`${JSON.stringify(key)}:${canonicalJson(member)}`];
  });
  return `{${members.join(',')}}`;
}

export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** Everything a record's hash covers: all its fields except the hash itself, the previous hash included. */
export type HashedAuditContent = Omit<AuditRecord, 'hash'>;

export function hashAuditContent(content: HashedAuditContent): string {
  const { seq, id, at, operator, realm, targetUser, sessionId, action, reason, outcome, error, details, requestId, ip, jobId, attemptSeq, prevHash } =
    content;
  // Field by field: the hashed format is fixed, so stray properties on the object never change a hash.
  return sha256Hex(
    canonicalJson({
      seq,
      id,
      at,
      operator: { id: operator.id, username: operator.username, role: operator.role },
      realm,
      targetUser: targetUser === null ? null : { id: targetUser.id, username: targetUser.username },
      sessionId,
      action,
      reason,
      outcome,
      error,
      details,
      requestId,
      ip,
      jobId,
      attemptSeq,
      prevHash,
    }),
  );
}
