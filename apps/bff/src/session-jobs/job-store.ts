import { z } from 'zod';
import { jobStateSchema, sessionJobSchema, type SessionJob } from '@session-desk/contracts';
import { serviceUnavailable } from '../http/errors.js';

/** The counters a running job's owner writes at each checkpoint. */
export interface JobProgress {
  done: number;
  failed: number;
  left: number;
}

export interface StoredJob {
  /** The document with the latest stored state and counters. */
  job: SessionJob;
  /** The instance that runs (or ran) the job. */
  owner: string;
  cancelRequested: boolean;
  /** Still 'running' but without a checkpoint for longer than the stale limit: its process is gone. */
  stale: boolean;
  /** ISO 8601: the last checkpoint, i.e. the last sign of life of a running job. */
  updatedAt: string;
}

/**
 * Bulk jobs shared by every BFF instance. A job's document (with every item) is written when it
 * starts and when it stops; in between its owner only writes counters, which doubles as a heartbeat.
 */
export interface JobStore {
  readonly kind: 'sqlite' | 'postgres';
  /** Creates the schema; every other call also does this on first use. */
  init(): Promise<void>;
  /** Stores a new running job. */
  create(job: SessionJob, owner: string): Promise<void>;
  /**
   * The owner's checkpoint. Null when the job is no longer the owner's to run (another instance
   * declared it interrupted): the owner must stop.
   */
  checkpoint(id: string, owner: string, progress: JobProgress): Promise<{ cancelRequested: boolean } | null>;
  /** The owner's final document; it may replace an 'interrupted' one written meanwhile by another instance. */
  finish(job: SessionJob, owner: string): Promise<void>;
  get(id: string): Promise<StoredJob | null>;
  /** Asks the owner to stop at its next checkpoint; no effect on a job that is not running. */
  requestCancel(id: string): Promise<void>;
  /** Running jobs without a checkpoint for longer than the stale limit. */
  staleIds(): Promise<string[]>;
  /** Stores the reconciled document of a stale running job; false when it is not stale (or not running) any more. */
  interrupt(job: SessionJob): Promise<boolean>;
  /** Deletes finished jobs last written before `before`. */
  prune(before: Date): Promise<number>;
  close(): Promise<void>;
}

/** A job that cannot be stored is not started: after a crash it could not be accounted for. */
export const jobNotStarted = (cause?: unknown) =>
  serviceUnavailable('jobs_unavailable', 'Bulk jobs cannot be recorded right now, so nothing was started. Try again shortly.', cause);

export const jobsUnreadable = (cause?: unknown) =>
  serviceUnavailable('jobs_unavailable', 'Bulk jobs cannot be read right now. Try again shortly.', cause);

/** A session_jobs row as both stores select it (PostgreSQL returns jsonb parsed and timestamps as Date). */
export type JobRow = Record<string, unknown>;

const count = z.coerce.number().int().min(0);
const rowSchema = z.object({
  doc: z.preprocess((value) => (typeof value === 'string' ? JSON.parse(value) : value), sessionJobSchema),
  state: jobStateSchema,
  owner: z.string(),
  cancel_requested: z.union([z.boolean(), z.number().transform((value) => value !== 0)]),
  done: count,
  failed: count,
  left_count: count,
  updated_at: z.union([z.date(), z.number().transform((ms) => new Date(ms))]),
  stale: z.union([z.boolean(), z.number().transform((value) => value !== 0)]),
});

/** The stored document with the state and counters of the row, which move on between document writes. */
export function storedJobFromRow(row: JobRow): StoredJob {
  const parsed = rowSchema.parse(row);
  return {
    job: { ...parsed.doc, state: parsed.state, done: parsed.done, failed: parsed.failed, left: parsed.left_count },
    owner: parsed.owner,
    cancelRequested: parsed.cancel_requested,
    stale: parsed.stale,
    updatedAt: parsed.updated_at.toISOString(),
  };
}
