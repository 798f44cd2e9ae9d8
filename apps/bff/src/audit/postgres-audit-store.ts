import type { Pool, PoolClient } from 'pg';
import { boundedPool, type PostgresConnectionOptions } from '../storage/postgres-tables.js';
import { prepareEntry, sealEntry } from './audit-entry.js';
import { asAuditError, auditUnavailable, auditUnreadable } from './audit-errors.js';
import { AUDIT_COLUMNS, recordToColumns } from './audit-row.js';
import { queryTrailPage, streamTrail, type BoundSql, type SqlDialect } from './audit-sql.js';
import type { AuditFilter, AuditPage, AuditRecord, AuditStore, AuditStreamFilter, NewAuditEntry, VerifyResult } from './audit-store.js';
import { verifyChain, type ChainHead } from './audit-verify.js';
import { migratePostgres } from './postgres-migrations.js';

/** `timeoutMs` also bounds the wait on the chain lock. */
export interface PostgresAuditStoreOptions extends PostgresConnectionOptions {
  /** Records read per round trip by stream() and verify(). */
  batchSize?: number;
}

type Row = Record<string, unknown>;

const dialect: SqlDialect = { caseInsensitiveLike: 'ILIKE' };
const dollar = (index: number) => `$${index}`;

const lockHeadSql = `SELECT seq, hash, date_trunc('milliseconds', clock_timestamp()) AS now FROM audit_chain_head WHERE id = 1 FOR UPDATE`;
const appendSql = `
  WITH appended AS (
    INSERT INTO audit_records (${AUDIT_COLUMNS.join(', ')})
    VALUES (${AUDIT_COLUMNS.map((_, index) => dollar(index + 1)).join(', ')})
    RETURNING seq, hash
  )
  UPDATE audit_chain_head h SET seq = appended.seq, hash = appended.hash FROM appended WHERE h.id = 1`;

function chainHead(row: Row | undefined): ChainHead | null {
  if (!row) return null;
  const seq = Number(row.seq);
  if (!Number.isSafeInteger(seq) || typeof row.hash !== 'string') throw new Error('the audit chain head is unreadable');
  return { seq, hash: row.hash };
}

/**
 * The trail in PostgreSQL. Every append locks the one-row chain head (SELECT … FOR UPDATE) for its
 * transaction, so any number of BFF processes sharing the database extend a single chain.
 */
export class PostgresAuditStore implements AuditStore {
  readonly kind = 'postgres';
  readonly #pool: Pool;
  readonly #batchSize: number;
  #closed = false;

  constructor(options: PostgresAuditStoreOptions) {
    this.#batchSize = options.batchSize ?? 500;
    this.#pool = boundedPool({ ...options, poolSize: options.poolSize ?? 5, applicationName: 'session-desk-audit' });
  }

  async init(): Promise<void> {
    try {
      await this.#withClient(migratePostgres);
    } catch (err) {
      throw auditUnavailable(err);
    }
  }

  async append(entry: NewAuditEntry): Promise<AuditRecord> {
    const prepared = prepareEntry(entry);
    try {
      return await this.#withClient(async (client) => {
        await client.query('BEGIN');
        const { rows } = await client.query<Row>(lockHeadSql);
        const head = chainHead(rows[0]);
        const now = rows[0]?.now;
        if (!head || !(now instanceof Date)) throw new Error('the audit chain head is missing');
        // The database's clock, so records written by several BFF hosts share one time line.
        const record = sealEntry(prepared, { seq: head.seq + 1, prevHash: head.hash, at: now });
        await client.query(appendSql, recordToColumns(record));
        await client.query('COMMIT');
        return record;
      });
    } catch (err) {
      throw auditUnavailable(err);
    }
  }

  async query(filter: AuditFilter): Promise<AuditPage> {
    try {
      return await queryTrailPage(filter, ({ sql, values }) => this.#rows(sql, values), { ...dialect, placeholder: dollar });
    } catch (err) {
      throw asAuditError(err, auditUnreadable);
    }
  }

  stream(filter: AuditStreamFilter): AsyncIterable<AuditRecord> {
    const open = async () => ({
      upToSeq: chainHead((await this.#rows('SELECT seq, hash FROM audit_chain_head WHERE id = 1', []))[0])?.seq ?? 0,
      run: ({ sql, values }: BoundSql) => this.#rows(sql, values),
    });
    return streamTrail(filter, open, { ...dialect, placeholder: dollar }, this.#batchSize);
  }

  async verify(): Promise<VerifyResult> {
    try {
      return await this.#withClient(async (client) => {
        // One snapshot for the head and every batch, while appends carry on.
        await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
        const head = chainHead((await client.query<Row>('SELECT seq, hash FROM audit_chain_head WHERE id = 1')).rows[0]);
        const result = await verifyChain(head, this.#rowsInOrder(client));
        await client.query('COMMIT');
        return result;
      });
    } catch (err) {
      throw asAuditError(err, auditUnreadable);
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#pool.end();
  }

  async #rows(sql: string, values: ReadonlyArray<string | number>): Promise<Row[]> {
    if (this.#closed) throw new Error('the audit store is closed');
    return (await this.#pool.query<Row>(sql, [...values])).rows;
  }

  async #withClient<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    if (this.#closed) throw new Error('the audit store is closed');
    const client = await this.#pool.connect();
    let failure: Error | undefined;
    try {
      return await work(client);
    } catch (err) {
      failure = err instanceof Error ? err : new Error(String(err));
      throw err;
    } finally {
      // A connection that failed mid-transaction (or timed out) is dropped, which also rolls the transaction back.
      client.release(failure);
    }
  }

  async *#rowsInOrder(client: PoolClient): AsyncIterable<Row> {
    let after = 0;
    for (;;) {
      const { rows } = await client.query<Row>(
        `SELECT ${AUDIT_COLUMNS.join(', ')} FROM audit_records WHERE seq > $1 ORDER BY seq LIMIT ${this.#batchSize}`,
        [after],
      );
      yield* rows;
      const last = rows.at(-1);
      if (!last || rows.length < this.#batchSize) return;
      after = Number(last.seq);
    }
  }
}
