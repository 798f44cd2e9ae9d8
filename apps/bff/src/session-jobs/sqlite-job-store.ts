import type { DatabaseSync } from 'node:sqlite';
import type { SessionJob } from '@session-desk/contracts';
import { SqliteFile } from '../storage/sqlite-file.js';
import { storedJobFromRow, type JobProgress, type JobStore, type StoredJob } from './job-store.js';

export interface SqliteJobStoreOptions {
  file: string;
  staleMs: number;
  /** How long a write waits for another process's lock; the wait blocks the event loop, so keep it short. */
  busyTimeoutMs?: number;
}

const schema = `
  CREATE TABLE IF NOT EXISTS session_jobs (
    id TEXT PRIMARY KEY,
    doc TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('running', 'completed', 'cancelled', 'interrupted')),
    owner TEXT NOT NULL,
    cancel_requested INTEGER NOT NULL DEFAULT 0,
    done INTEGER NOT NULL,
    failed INTEGER NOT NULL,
    left_count INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX IF NOT EXISTS session_jobs_running ON session_jobs (updated_at) WHERE state = 'running';
`;

/** Jobs in a SQLite file next to the audit trail; survives a crash of the one process that uses it. */
export class SqliteJobStore implements JobStore {
  readonly kind = 'sqlite';
  readonly #file: SqliteFile;
  readonly #staleMs: number;

  constructor(options: SqliteJobStoreOptions) {
    // The audit trail is what a crashed job is rebuilt from; the job file only has to survive the process.
    this.#file = new SqliteFile({ file: options.file, schema, name: 'job store', ...(options.busyTimeoutMs === undefined ? {} : { busyTimeoutMs: options.busyTimeoutMs }) });
    this.#staleMs = options.staleMs;
  }

  async init(): Promise<void> {
    this.#database();
  }

  async create(job: SessionJob, owner: string): Promise<void> {
    const now = Date.now();
    this.#database()
      .prepare(
        `INSERT INTO session_jobs (id, doc, state, owner, done, failed, left_count, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(job.id, JSON.stringify(job), job.state, owner, job.done, job.failed, job.left, now, now);
  }

  async checkpoint(id: string, owner: string, progress: JobProgress): Promise<{ cancelRequested: boolean } | null> {
    const row = this.#database()
      .prepare(
        `UPDATE session_jobs SET done = ?, failed = ?, left_count = ?, updated_at = ?
         WHERE id = ? AND owner = ? AND state = 'running' RETURNING cancel_requested`,
      )
      .get(progress.done, progress.failed, progress.left, Date.now(), id, owner);
    return row ? { cancelRequested: row.cancel_requested === 1 } : null;
  }

  async finish(job: SessionJob, owner: string): Promise<void> {
    this.#database()
      .prepare(
        `UPDATE session_jobs SET doc = ?, state = ?, done = ?, failed = ?, left_count = ?, updated_at = ?
         WHERE id = ? AND owner = ? AND state IN ('running', 'interrupted')`,
      )
      .run(JSON.stringify(job), job.state, job.done, job.failed, job.left, Date.now(), job.id, owner);
  }

  async get(id: string): Promise<StoredJob | null> {
    const row = this.#database()
      .prepare(
        `SELECT doc, state, owner, cancel_requested, done, failed, left_count, updated_at,
                (state = 'running' AND updated_at < ?) AS stale
         FROM session_jobs WHERE id = ?`,
      )
      .get(Date.now() - this.#staleMs, id);
    return row ? storedJobFromRow(row) : null;
  }

  async requestCancel(id: string): Promise<void> {
    this.#database().prepare(`UPDATE session_jobs SET cancel_requested = 1 WHERE id = ? AND state = 'running'`).run(id);
  }

  async staleIds(): Promise<string[]> {
    const rows = this.#database()
      .prepare(`SELECT id FROM session_jobs WHERE state = 'running' AND updated_at < ?`)
      .all(Date.now() - this.#staleMs);
    return rows.flatMap((row) => (typeof row.id === 'string' ? [row.id] : []));
  }

  async interrupt(job: SessionJob): Promise<boolean> {
    const now = Date.now();
    const { changes } = this.#database()
      .prepare(
        `UPDATE session_jobs SET doc = ?, state = 'interrupted', done = ?, failed = ?, left_count = ?, updated_at = ?
         WHERE id = ? AND state = 'running' AND updated_at < ?`,
      )
      .run(JSON.stringify(job), job.done, job.failed, job.left, now, job.id, now - this.#staleMs);
    return Number(changes) === 1;
  }

  async prune(before: Date): Promise<number> {
    const { changes } = this.#database().prepare(`DELETE FROM session_jobs WHERE state <> 'running' AND updated_at < ?`).run(before.getTime());
    return Number(changes);
  }

  async close(): Promise<void> {
    this.#file.close();
  }

  #database(): DatabaseSync {
    return this.#file.database();
  }
}
