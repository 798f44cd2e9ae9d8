import path from 'node:path';
import type { JobStore } from './job-store.js';
import { PostgresJobStore } from './postgres-job-store.js';
import { SqliteJobStore } from './sqlite-job-store.js';

export interface JobStoreConfig {
  databaseUrl?: string | undefined;
  dataDir: string;
  /** A running job without a checkpoint for this long belongs to a process that is gone. */
  staleMs: number;
  onPoolError?: (err: Error) => void;
}

export const sqliteJobFile = (dataDir: string): string => path.join(dataDir, 'jobs.sqlite');

/** PostgreSQL (shared by every instance) when a database URL is configured, else a SQLite file in the data directory. */
export function createJobStore(config: JobStoreConfig): JobStore {
  return config.databaseUrl
    ? new PostgresJobStore({ connectionString: config.databaseUrl, staleMs: config.staleMs, ...(config.onPoolError ? { onPoolError: config.onPoolError } : {}) })
    : new SqliteJobStore({ file: sqliteJobFile(config.dataDir), staleMs: config.staleMs });
}
