import { Pool, type QueryResultRow } from 'pg';

/** How a store reaches its PostgreSQL database (the options every PostgreSQL store takes). */
export interface PostgresConnectionOptions {
  connectionString: string;
  /** Limit for connecting and for each statement: a dead database fails the request fast. */
  timeoutMs?: number;
  poolSize?: number;
  /** Errors of idle pooled connections; without a listener they would crash the process. */
  onPoolError?: (err: Error) => void;
}

export interface PostgresTablesOptions extends PostgresConnectionOptions {
  /** What the tables are called in errors, e.g. "job store". */
  name: string;
  /** CREATE TABLE IF NOT EXISTS … statements. */
  schema: string;
  /** Any constant, the same in every process that creates these tables. */
  schemaLockKey: number;
  applicationName: string;
}

/**
 * A pg pool whose every limit follows `timeoutMs` (default 5,000 ms): connecting, each statement
 * (which also bounds waits for locks), a server that stopped answering, and idle transactions (twice
 * it); idle connections close after 30 s. Errors of idle connections go to `onPoolError`.
 */
export function boundedPool(options: PostgresConnectionOptions & { applicationName: string; poolSize: number }): Pool {
  const timeoutMs = options.timeoutMs ?? 5_000;
  const pool = new Pool({
    connectionString: options.connectionString,
    max: options.poolSize,
    connectionTimeoutMillis: timeoutMs,
    statement_timeout: timeoutMs,
    query_timeout: timeoutMs,
    idle_in_transaction_session_timeout: timeoutMs * 2,
    idleTimeoutMillis: 30_000,
    keepAlive: true,
    application_name: options.applicationName,
  });
  pool.on('error', (err) => options.onPoolError?.(err));
  return pool;
}

/**
 * A pool on a PostgreSQL database whose tables are created on first use, once per process, under an
 * advisory lock (instances starting together do not race on CREATE TABLE IF NOT EXISTS). A schema
 * that failed (database down at start) is tried again on the next call.
 */
export class PostgresTables {
  readonly #pool: Pool;
  readonly #options: PostgresTablesOptions;
  #ready: Promise<void> | undefined;
  #closed = false;

  constructor(options: PostgresTablesOptions) {
    this.#options = options;
    this.#pool = boundedPool({ ...options, poolSize: options.poolSize ?? 3 });
  }

  init(): Promise<void> {
    this.#ready ??= this.#createSchema().catch((err: unknown) => {
      this.#ready = undefined;
      throw err;
    });
    return this.#ready;
  }

  async query<Row extends QueryResultRow>(sql: string, values: unknown[]): Promise<Row[]> {
    await this.init();
    if (this.#closed) throw new Error(`the ${this.#options.name} is closed`);
    return (await this.#pool.query<Row>(sql, values)).rows;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#pool.end();
  }

  async #createSchema(): Promise<void> {
    if (this.#closed) throw new Error(`the ${this.#options.name} is closed`);
    const client = await this.#pool.connect();
    let failure: Error | undefined;
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1)', [this.#options.schemaLockKey]);
      await client.query(this.#options.schema);
      await client.query('COMMIT');
    } catch (err) {
      failure = err instanceof Error ? err : new Error(String(err));
      throw err;
    } finally {
      // A connection that failed mid-transaction is dropped, which also rolls the transaction back.
      client.release(failure);
    }
  }
}
