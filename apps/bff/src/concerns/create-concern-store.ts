import path from 'node:path';
import type { ConcernStore } from './concern-store.js';
import { PostgresConcernStore } from './postgres-concern-store.js';
import { SqliteConcernStore } from './sqlite-concern-store.js';

export const sqliteConcernFile = (dataDir: string): string => path.join(dataDir, 'concerns.sqlite');

/** PostgreSQL (shared by every instance) when a database URL is configured, else a SQLite file in the data directory — as the audit and job stores. */
export function createConcernStore(config: { databaseUrl?: string | undefined; dataDir: string; onPoolError?: (err: Error) => void }): ConcernStore {
  return config.databaseUrl
    ? new PostgresConcernStore({ connectionString: config.databaseUrl, ...(config.onPoolError ? { onPoolError: config.onPoolError } : {}) })
    : new SqliteConcernStore({ file: sqliteConcernFile(config.dataDir) });
}
