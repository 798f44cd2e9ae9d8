import { z } from 'zod';
import { auditActionSchema, auditDetailsSchema, roleSchema } from '@session-desk/contracts';
import type { AuditRecord } from '@session-desk/contracts';
import { canonicalJsonOf } from './audit-hash.js';

/** The columns of audit_records, in insert order; both stores use the same names. */
export const AUDIT_COLUMNS = [
  'seq',
  'id',
  'at',
  'operator_id',
  'operator_username',
  'operator_role',
  'realm',
  'target_user_id',
  'target_username',
  'session_id',
  'action',
  'reason',
  'outcome',
  'error',
  'details',
  'request_id',
  'ip',
  'job_id',
  'attempt_seq',
  'prev_hash',
  'hash',
] as const;

export type AuditColumnValue = string | number | null;

/** Column values for an insert, in AUDIT_COLUMNS order. Details are stored as canonical JSON text, byte for byte what was hashed. */
export function recordToColumns(record: AuditRecord): AuditColumnValue[] {
  return [
    record.seq,
    record.id,
    record.at,
    record.operator.id,
    record.operator.username,
    record.operator.role,
    record.realm,
    record.targetUser?.id ?? null,
    record.targetUser?.username ?? null,
    record.sessionId,
    record.action,
    record.reason,
    record.outcome,
    record.error,
    record.details === null ? null : canonicalJsonOf(record.details),
    record.requestId,
    record.ip,
    record.jobId,
    record.attemptSeq,
    record.prevHash,
    record.hash,
  ];
}

export class UnreadableAuditRow extends Error {
  override name = 'UnreadableAuditRow';
}

type Row = Record<string, unknown>;

function text(row: Row, column: string): string {
  const value = row[column];
  if (typeof value !== 'string') throw new UnreadableAuditRow(`${column} is not text`);
  return value;
}

function optionalText(row: Row, column: string): string | null {
  return row[column] === null ? null : text(row, column);
}

/** PostgreSQL returns bigint as a string, SQLite as a number. */
function integer(row: Row, column: string): number {
  const value = row[column];
  const number = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isSafeInteger(number)) throw new UnreadableAuditRow(`${column} is not an integer`);
  return number;
}

function timestamp(row: Row): string {
  const value = row.at;
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString();
  return text(row, 'at');
}

function details(row: Row): AuditRecord['details'] {
  const raw = optionalText(row, 'details');
  if (raw === null) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new UnreadableAuditRow('details is not JSON');
  }
  const result = auditDetailsSchema.safeParse(parsed);
  if (!result.success) throw new UnreadableAuditRow('details is not a JSON object');
  return result.data;
}

function parsed<T>(schema: z.ZodType<T>, row: Row, column: string): T {
  const result = schema.safeParse(row[column]);
  if (!result.success) throw new UnreadableAuditRow(`${column} has an unknown value`);
  return result.data;
}

const storedOutcomeSchema = z.enum(['attempted', 'succeeded', 'failed', 'refused']);

function targetUser(row: Row): AuditRecord['targetUser'] {
  const id = optionalText(row, 'target_user_id');
  const username = optionalText(row, 'target_username');
  if (id === null && username === null) return null;
  if (id === null || username === null) throw new UnreadableAuditRow('target_user_id and target_username are not both set');
  return { id, username };
}

/** A stored row as a record, exactly as it was hashed. Throws UnreadableAuditRow when a column is not what the store writes. */
export function rowToRecord(row: Row): AuditRecord {
  return {
    seq: integer(row, 'seq'),
    id: text(row, 'id'),
    at: timestamp(row),
    operator: {
      id: text(row, 'operator_id'),
      username: text(row, 'operator_username'),
      role: parsed(roleSchema, row, 'operator_role'),
    },
    realm: text(row, 'realm'),
    targetUser: targetUser(row),
    sessionId: optionalText(row, 'session_id'),
    action: parsed(auditActionSchema, row, 'action'),
    reason: optionalText(row, 'reason'),
    outcome: parsed(storedOutcomeSchema, row, 'outcome'),
    error: optionalText(row, 'error'),
    details: details(row),
    requestId: text(row, 'request_id'),
    ip: text(row, 'ip'),
    jobId: optionalText(row, 'job_id'),
    attemptSeq: row.attempt_seq === null ? null : integer(row, 'attempt_seq'),
    prevHash: text(row, 'prev_hash'),
    hash: text(row, 'hash'),
  };
}

/** How the trail shows a record: an attempt still listed has no outcome record, so its outcome is unknown. */
export function asTrailRecord(record: AuditRecord): AuditRecord {
  return record.outcome === 'attempted' ? { ...record, outcome: 'unknown' } : record;
}
