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
  if (Array.isArray(value)) {
    let text = '[';
    for (let i = 0; i < value.length; i += 1) text += `${i === 0 ? '' : ','}${canonicalJson(value[i] as JsonValue)}`;
    return `${text}]`;
  }
  return canonicalObject(value, Object.keys(value).sort());
}

/**
 * `value`'s members as canonical JSON, in the order of `keys` (which must be `value`'s keys in
 * code-unit order); a member holding undefined is left out, as JSON.stringify does, and a member
 * in `rendered` is written as that canonical text. Built by concatenation: the trail hashes two
 * records per bulk item, and the arrays of a map, sort and join were a quarter of all a job allocated.
 */
function canonicalObject(value: { readonly [key: string]: JsonValue | undefined }, keys: readonly string[], rendered?: Readonly<Record<string, string>>): string {
  let text = '';
  for (const key of keys) {
    const given = value[key];
    const member = rendered !== undefined && Object.hasOwn(rendered, key) ? rendered[key] : given === undefined ? undefined : canonicalJson(given);
    if (member === undefined) continue;
    text += `${text === '' ? '' : ','}${JSON.stringify(key)}:${member}`;
  }
  return `{${text}}`;
}

export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** Everything a record's hash covers: all its fields except the hash itself, the previous hash included. */
export type HashedAuditContent = Omit<AuditRecord, 'hash'>;

/** The hashed fields of a record, of its operator and of its target user, each in code-unit order (as `canonicalJson` sorts them). */
const HASHED_FIELDS = ['seq', 'id', 'at', 'operator', 'realm', 'targetUser', 'sessionId', 'action', 'reason', 'outcome', 'error', 'details', 'requestId', 'ip', 'jobId', 'attemptSeq', 'prevHash'].sort();
const OPERATOR_FIELDS = ['id', 'username', 'role'].sort();
const TARGET_USER_FIELDS = ['id', 'username'].sort();

export function hashAuditContent(content: HashedAuditContent): string {
  const { seq, id, at, operator, realm, targetUser, sessionId, action, reason, outcome, error, details, requestId, ip, jobId, attemptSeq, prevHash } =
    content;
  // Field by field: the hashed format is fixed, so stray properties on the object never change a hash.
  // The text is canonicalJson's of these fields, without sorting keys whose order is known.
  const operatorText = canonicalObject({ id: operator.id, username: operator.username, role: operator.role }, OPERATOR_FIELDS);
  const targetUserText = targetUser === null ? 'null' : canonicalObject({ id: targetUser.id, username: targetUser.username }, TARGET_USER_FIELDS);
  const scalars = { seq, id, at, realm, sessionId, action, reason, outcome, error, details, requestId, ip, jobId, attemptSeq, prevHash };
  return sha256Hex(canonicalObject(scalars, HASHED_FIELDS, { operator: operatorText, targetUser: targetUserText }));
}
