import path from 'node:path';
import type { AuditStore } from './audit-store.js';
import { InitialisingAuditStore } from './initialising-audit-store.js';
import { PostgresAuditStore } from './postgres-audit-store.js';
import { SqliteAuditStore } from './sqlite-audit-store.js';

export interface AuditStoreConfig {
  databaseUrl?: string | undefined;
  dataDir: string;
  sqliteSynchronous?: 'FULL' | 'NORMAL';
  onPoolError?: (err: Error) => void;
}

export const sqliteAuditFile = (dataDir: string): string => path.join(dataDir, 'audit.sqlite');

/** PostgreSQL when a database URL is configured, else a SQLite file in the data directory; opened on first use. */
export function createAuditStore(config: AuditStoreConfig): AuditStore {
  const store = config.databaseUrl
    ? new PostgresAuditStore({ connectionString: config.databaseUrl, ...(config.onPoolError ? { onPoolError: config.onPoolError } : {}) })
    : new SqliteAuditStore({ file: sqliteAuditFile(config.dataDir), ...(config.sqliteSynchronous ? { synchronous: config.sqliteSynchronous } : {}) });
  return new InitialisingAuditStore(store);
}
