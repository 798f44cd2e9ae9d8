import type { SessionJob } from '@session-desk/contracts';
import { PostgresTables, type PostgresConnectionOptions } from '../storage/postgres-tables.js';
import { storedJobFromRow, type JobProgress, type JobRow, type JobStore, type StoredJob } from './job-store.js';

export interface PostgresJobStoreOptions extends PostgresConnectionOptions {
  staleMs: number;
}

/** Any constant works; it only has to be the same in every process that creates the table. */
const SCHEMA_LOCK_KEY = 7_244_021_002;

const schema = `
  CREATE TABLE IF NOT EXISTS session_jobs (
    id text PRIMARY KEY,
    doc jsonb NOT NULL,
    state text NOT NULL CHECK (state IN ('running', 'completed', 'cancelled', 'interrupted')),
    owner text NOT NULL,
    cancel_requested boolean NOT NULL DEFAULT false,
    done integer NOT NULL,
    failed integer NOT NULL,
    left_count integer NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
  );
  CREATE INDEX IF NOT EXISTS session_jobs_running ON session_jobs (updated_at) WHERE state = 'running';
`;

// The database's clock decides staleness, so instances on hosts with drifting clocks agree.
const staleSince = `now() - ($1::double precision * interval '1 millisecond')`;

/** Jobs in PostgreSQL, shared by every BFF instance behind the load balancer. */
export class PostgresJobStore implements JobStore {
  readonly kind = 'postgres';
  readonly #tables: PostgresTables;
  readonly #staleMs: number;

  constructor(options: PostgresJobStoreOptions) {
    this.#staleMs = options.staleMs;
    this.#tables = new PostgresTables({ ...options, name: 'job store', schema, schemaLockKey: SCHEMA_LOCK_KEY, applicationName: 'session-desk-jobs' });
  }

  init(): Promise<void> {
    // Retried on the next call after a failure, so a database that was down at start costs errors, not a restart.
    return this.#tables.init();
  }

  async create(job: SessionJob, owner: string): Promise<void> {
    await this.#query(
      `INSERT INTO session_jobs (id, doc, state, owner, done, failed, left_count) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [job.id, JSON.stringify(job), job.state, owner, job.done, job.failed, job.left],
    );
  }

  async checkpoint(id: string, owner: string, progress: JobProgress): Promise<{ cancelRequested: boolean } | null> {
    const rows = await this.#query(
      `UPDATE session_jobs SET done = $3, failed = $4, left_count = $5, updated_at = now()
       WHERE id = $1 AND owner = $2 AND state = 'running' RETURNING cancel_requested`,
      [id, owner, progress.done, progress.failed, progress.left],
    );
    const row = rows[0];
    return row ? { cancelRequested: row.cancel_requested === true } : null;
  }

  async finish(job: SessionJob, owner: string): Promise<void> {
    await this.#query(
      `UPDATE session_jobs SET doc = $3, state = $4, done = $5, failed = $6, left_count = $7, updated_at = now()
       WHERE id = $1 AND owner = $2 AND state IN ('running', 'interrupted')`,
      [job.id, owner, JSON.stringify(job), job.state, job.done, job.failed, job.left],
    );
  }

  async get(id: string): Promise<StoredJob | null> {
    const rows = await this.#query(
      `SELECT doc, state, owner, cancel_requested, done, failed, left_count, updated_at,
              (state = 'running' AND updated_at < ${staleSince}) AS stale
       FROM session_jobs WHERE id = $2`,
      [this.#staleMs, id],
    );
    return rows[0] ? storedJobFromRow(rows[0]) : null;
  }

  async requestCancel(id: string): Promise<void> {
    await this.#query(`UPDATE session_jobs SET cancel_requested = true WHERE id = $1 AND state = 'running'`, [id]);
  }

  async staleIds(): Promise<string[]> {
    const rows = await this.#query(`SELECT id FROM session_jobs WHERE state = 'running' AND updated_at < ${staleSince}`, [this.#staleMs]);
    return rows.flatMap((row) => (typeof row.id === 'string' ? [row.id] : []));
  }

  async interrupt(job: SessionJob): Promise<boolean> {
    const rows = await this.#query(
      `UPDATE session_jobs SET doc = $3, state = 'interrupted', done = $4, failed = $5, left_count = $6, updated_at = now()
       WHERE id = $2 AND state = 'running' AND updated_at < ${staleSince} RETURNING id`,
      [this.#staleMs, job.id, JSON.stringify(job), job.done, job.failed, job.left],
    );
    return rows.length === 1;
  }

  async prune(before: Date): Promise<number> {
    const rows = await this.#query(`DELETE FROM session_jobs WHERE state <> 'running' AND updated_at < $1 RETURNING id`, [before]);
    return rows.length;
  }

  close(): Promise<void> {
    return this.#tables.close();
  }

  #query(sql: string, values: unknown[]): Promise<JobRow[]> {
    return this.#tables.query<JobRow>(sql, values);
  }
}
