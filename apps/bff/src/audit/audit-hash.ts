import { hash } from 'node:crypto';
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
  if (Array.isArray(value)) {
    let text = '[';
    for (let i = 0; i < value.length; i += 1) text += `${i === 0 ? '' : ','}${canonicalJson(value[i] as JsonValue)}`;
    return `${text}]`;
  }
  return canonicalObject(value, Object.keys(value).sort());
}

/**
 * `value`'s members as canonical JSON, in the order of `keys` (which must be `value`'s keys in
 * code-unit order); a member holding undefined is left out, as JSON.stringify does. Built by
 * concatenation: the arrays of a map, sort and join were a quarter of all a bulk job allocated.
 */
function canonicalObject(value: { readonly [key: string]: JsonValue | undefined }, keys: readonly string[]): string {
  let text = '';
  for (const key of keys) {
    const given = value[key];
    if (given === undefined) continue;
    const member = canonicalJson(given);
    text += `${text === '' ? '' : ','}${JSON.stringify(key)}:${member}`;
  }
  return `{${text}}`;
}

/** Canonical texts of values `rememberCanonicalJson` was given, by object: frozen, so the text cannot go stale. */
const canonicalTexts = new WeakMap<object, string>();

/**
 * Notes `text` as the canonical JSON of `value`, which must be deep-frozen and be what parsing
 * `text` gave (canonical JSON parses and writes back to itself). An audit record's details are
 * written three times (checked, hashed, stored): each time after the first is then a lookup.
 */
export function rememberCanonicalJson(value: object, text: string): void {
  canonicalTexts.set(value, text);
}

/** Whether `value` is one `rememberCanonicalJson` was given (so deep-frozen, and its text known). */
export function hasRememberedCanonicalJson(value: object): boolean {
  return canonicalTexts.has(value);
}

/** canonicalJson(value), looked up when `rememberCanonicalJson` was told it. */
export function canonicalJsonOf(value: JsonValue): string {
  return (value !== null && typeof value === 'object' && canonicalTexts.get(value)) || canonicalJson(value);
}

export const sha256Hex = (text: string): string => hash('sha256', text, 'hex');

/** Everything a record's hash covers: all its fields except the hash itself, the previous hash included. */
export type HashedAuditContent = Omit<AuditRecord, 'hash'>;

/** `a` and `b` (members of one JSON object, without braces) joined by a comma; either may be empty. */
const joinMembers = (a: string, b: string): string => (a === '' ? b : b === '' ? a : `${a},${b}`);

/**
 * SHA-256 (hex) of the record's canonical JSON: every field but `hash`, keys in code-unit order at
 * every depth (canonicalJson's text, byte for byte). The fields around `details` are written by
 * JSON.stringify from object literals whose keys are already in that order (one native call each,
 * where building the text member by member made a bulk item's two records its largest allocation);
 * `details`, whose keys are the caller's, goes through canonicalJson. Throws TypeError for a
 * non-finite sequence number, as canonicalJson does.
 */
export function hashAuditContent(content: HashedAuditContent): string {
  const { seq, id, at, operator, realm, targetUser, sessionId, action, reason, outcome, error, details, requestId, ip, jobId, attemptSeq, prevHash } =
    content;
  if (!Number.isFinite(seq) || (typeof attemptSeq === 'number' && !Number.isFinite(attemptSeq))) {
    throw new TypeError('canonical JSON has no representation for a non-finite number');
  }
  // Field by field: the hashed format is fixed, so stray properties on the object never change a hash.
  // Each literal lists its keys in code-unit order ("action" < "at" < "attemptSeq" < "details" < "error" …).
  const before = JSON.stringify({ action, at, attemptSeq });
  const after = JSON.stringify({
    error,
    id,
    ip,
    jobId,
    operator: { id: operator.id, role: operator.role, username: operator.username },
    outcome,
    prevHash,
    realm,
    reason,
    requestId,
    seq,
    sessionId,
    targetUser: targetUser === null ? null : { id: targetUser.id, username: targetUser.username },
  });
  const detailsMember = details === undefined ? '' : `"details":${canonicalJsonOf(details)}`;
  return sha256Hex(`{${joinMembers(joinMembers(before.slice(1, -1), detailsMember), after.slice(1, -1))}}`);
}
