import { badRequest } from '../http/errors.js';
import { decodeCursor, toPage } from './audit-cursor.js';
import { asTrailRecord, AUDIT_COLUMNS, rowToRecord } from './audit-row.js';
import { asAuditError, auditUnreadable } from './audit-errors.js';
import type { AuditFilter, AuditPage, AuditRecord, AuditStreamFilter } from './audit-store.js';

/** Collects bound values and hands out the dialect's placeholder for each ($1… for PostgreSQL, ? for SQLite). */
export class SqlParams {
  readonly values: Array<string | number> = [];
  readonly #placeholder: (index: number) => string;

  constructor(placeholder: (index: number) => string) {
    this.#placeholder = placeholder;
  }

  add(value: string | number): string {
    this.values.push(value);
    return this.#placeholder(this.values.length);
  }
}

export interface SqlDialect {
  /** SQLite's LIKE already ignores ASCII case; PostgreSQL needs ILIKE. */
  caseInsensitiveLike: 'LIKE' | 'ILIKE';
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (char) => `\\${char}`);

function isoInstant(value: string, field: string): string {
  const time = Date.parse(value);
  if (Number.isNaN(time)) throw badRequest(`${field} must be an ISO 8601 date-time.`);
  // SQLite compares the stored ISO text, so every bound must be in exactly the stored form.
  return new Date(time).toISOString();
}

/**
 * An id exactly, or a username by any part of it (case-insensitive: "alejandro" finds
 * alejandro.brennan); a trailing `*` keeps the older prefix form ("al*"), on ids and names.
 */
function idOrName(column: { id: string; name: string }, value: string, params: SqlParams, dialect: SqlDialect): string | undefined {
  const like = dialect.caseInsensitiveLike;
  if (value.endsWith('*')) {
    const prefix = value.slice(0, -1);
    if (prefix === '') return undefined;
    const pattern = params.add(`${escapeLike(prefix)}%`);
    return `(r.${column.id} ${like} ${pattern} ESCAPE '\\' OR r.${column.name} ${like} ${pattern} ESCAPE '\\')`;
  }
  const exact = params.add(value);
  const part = params.add(`%${escapeLike(value)}%`);
  return `(r.${column.id} = ${exact} OR r.${column.name} ${like} ${part} ESCAPE '\\')`;
}

export interface TrailBounds {
  /** Only records with a greater seq. */
  afterSeq?: number;
  /** Only records with a smaller seq. */
  beforeSeq?: number;
  /** Read the trail as it stood when this was the newest record. */
  upToSeq?: number;
}

/**
 * The WHERE clause of a trail listing over `audit_records r`. An attempt that has an outcome record
 * (within the bounds) is left out: the outcome record stands for both.
 */
export function trailWhere(filter: AuditStreamFilter, bounds: TrailBounds, params: SqlParams, dialect: SqlDialect): string {
  const upTo = bounds.upToSeq === undefined ? undefined : params.add(bounds.upToSeq);
  const conditions = [
    `NOT (r.outcome = 'attempted' AND EXISTS (SELECT 1 FROM audit_records c WHERE c.attempt_seq = r.seq${upTo ? ` AND c.seq <= ${upTo}` : ''}))`,
  ];
  if (upTo) conditions.push(`r.seq <= ${upTo}`);
  if (bounds.afterSeq !== undefined) conditions.push(`r.seq > ${params.add(bounds.afterSeq)}`);
  if (bounds.beforeSeq !== undefined) conditions.push(`r.seq < ${params.add(bounds.beforeSeq)}`);

  if (filter.operatorId !== undefined) conditions.push(`r.operator_id = ${params.add(filter.operatorId)}`);
  const operator = filter.operator === undefined ? undefined : idOrName({ id: 'operator_id', name: 'operator_username' }, filter.operator, params, dialect);
  if (operator) conditions.push(operator);
  const user = filter.user === undefined ? undefined : idOrName({ id: 'target_user_id', name: 'target_username' }, filter.user, params, dialect);
  if (user) conditions.push(user);
  if (filter.realm !== undefined) conditions.push(`r.realm = ${params.add(filter.realm)}`);
  if (filter.action !== undefined) conditions.push(`r.action = ${params.add(filter.action)}`);
  if (filter.jobId !== undefined) conditions.push(`r.job_id = ${params.add(filter.jobId)}`);
  if (filter.outcome !== undefined) {
    conditions.push(`r.outcome = ${params.add(filter.outcome === 'unknown' ? 'attempted' : filter.outcome)}`);
  }
  if (filter.from !== undefined) conditions.push(`r.at >= ${params.add(isoInstant(filter.from, 'from'))}`);
  if (filter.to !== undefined) conditions.push(`r.at <= ${params.add(isoInstant(filter.to, 'to'))}`);
  return conditions.join(' AND ');
}

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 500;

export function pageLimit(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw badRequest(`limit must be a whole number from 1 to ${MAX_LIMIT}.`);
  return limit;
}

/** The record's columns of `audit_records r`, for SELECTs over the trail. */
export const trailColumns = AUDIT_COLUMNS.map((column) => `r.${column}`).join(', ');

/** A statement and its bound values. */
export interface BoundSql {
  sql: string;
  values: Array<string | number>;
}

/** Runs one statement and answers its rows (each store's own driver). */
export type RunSql = (statement: BoundSql) => Promise<Array<Record<string, unknown>>>;

/**
 * One page of the trail (see AuditStore.query), in either dialect. The total matching the filters
 * is counted only for the first page, and only when that page does not already hold every match
 * (then it is the page's length): one COUNT per search, not one per "load more".
 */
export async function queryTrailPage(
  filter: AuditFilter,
  run: RunSql,
  dialect: SqlDialect & { placeholder: (index: number) => string },
): Promise<AuditPage> {
  const limit = pageLimit(filter.limit);
  const beforeSeq = filter.cursor === undefined ? undefined : decodeCursor(filter.cursor);
  const params = new SqlParams(dialect.placeholder);
  const where = trailWhere(filter, { beforeSeq }, params, dialect);
  const rows = await run({ sql: `SELECT ${trailColumns} FROM audit_records r WHERE ${where} ORDER BY r.seq DESC LIMIT ${limit + 1}`, values: params.values });
  const page = toPage(rows.map(rowToRecord), limit);
  let total: number | null = null;
  if (beforeSeq === undefined) {
    if (page.nextCursor === null) total = page.items.length;
    else {
      const countParams = new SqlParams(dialect.placeholder);
      const countWhere = trailWhere(filter, {}, countParams, dialect);
      const [counted] = await run({ sql: `SELECT COUNT(*) AS total FROM audit_records r WHERE ${countWhere}`, values: countParams.values });
      // PostgreSQL answers COUNT as a bigint string, SQLite as a number.
      total = Number(counted?.['total'] ?? 0);
    }
  }
  return { items: page.items.map(asTrailRecord), nextCursor: page.nextCursor, total };
}

/**
 * The trail matching `filter` up to the chain head, oldest first, read `batchSize` records per round
 * trip (see AuditStore.stream), in either dialect. `open()` answers the head's seq (0 for an empty
 * trail) and the store's statement runner. Any failure to read throws 503 audit_read_unavailable
 * (errors that already carry their answer, e.g. a bad filter, pass through).
 */
export async function* streamTrail(
  filter: AuditStreamFilter,
  open: () => Promise<{ upToSeq: number; run: RunSql }>,
  dialect: SqlDialect & { placeholder: (index: number) => string },
  batchSize: number,
): AsyncIterable<AuditRecord> {
  let run: RunSql;
  let sql: string;
  let params: SqlParams;
  try {
    const opened = await open();
    run = opened.run;
    params = new SqlParams(dialect.placeholder);
    // The seq to continue after is the first parameter, so each batch only rebinds it.
    const after = params.add(0);
    const where = trailWhere(filter, { upToSeq: opened.upToSeq }, params, dialect);
    sql = `SELECT ${trailColumns} FROM audit_records r WHERE r.seq > ${after} AND ${where} ORDER BY r.seq LIMIT ${batchSize}`;
  } catch (err) {
    throw asAuditError(err, auditUnreadable);
  }
  for (;;) {
    let batch: AuditRecord[];
    try {
      batch = (await run({ sql, values: params.values })).map(rowToRecord);
    } catch (err) {
      throw asAuditError(err, auditUnreadable);
    }
    for (const record of batch) yield asTrailRecord(record);
    const last = batch.at(-1);
    if (!last || batch.length < batchSize) return;
    params.values[0] = last.seq;
  }
}
