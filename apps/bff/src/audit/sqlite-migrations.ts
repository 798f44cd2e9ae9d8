import type { DatabaseSync } from 'node:sqlite';
import { GENESIS_HASH } from './audit-hash.js';

interface Migration {
  version: number;
  name: string;
  sql: string;
}

const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'audit trail',
    sql: `
      CREATE TABLE audit_records (
        seq INTEGER PRIMARY KEY CHECK (seq >= 1),
        id TEXT NOT NULL UNIQUE,
        at TEXT NOT NULL,
        operator_id TEXT NOT NULL,
        operator_username TEXT NOT NULL,
        operator_role TEXT NOT NULL,
        realm TEXT NOT NULL,
        target_user_id TEXT,
        target_username TEXT,
        session_id TEXT,
        action TEXT NOT NULL,
        reason TEXT,
        outcome TEXT NOT NULL CHECK (outcome IN ('attempted', 'succeeded', 'failed', 'refused')),
        error TEXT,
        details TEXT,
        request_id TEXT NOT NULL,
        ip TEXT NOT NULL,
        job_id TEXT,
        attempt_seq INTEGER,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX audit_records_attempt ON audit_records (attempt_seq) WHERE attempt_seq IS NOT NULL;
      CREATE INDEX audit_records_operator_id ON audit_records (operator_id, seq);
      CREATE INDEX audit_records_operator_username ON audit_records (operator_username, seq);
      CREATE INDEX audit_records_target_user_id ON audit_records (target_user_id, seq);
      CREATE INDEX audit_records_target_username ON audit_records (target_username, seq);
      CREATE INDEX audit_records_realm ON audit_records (realm, seq);
      CREATE INDEX audit_records_at ON audit_records (at);
      CREATE INDEX audit_records_job ON audit_records (job_id, seq) WHERE job_id IS NOT NULL;

      -- Written in the same transaction as every append; verify compares it with the newest record,
      -- which catches records cut off the end of the trail.
      CREATE TABLE audit_chain_head (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        seq INTEGER NOT NULL,
        hash TEXT NOT NULL
      ) STRICT;
      INSERT INTO audit_chain_head (id, seq, hash) VALUES (1, 0, '${GENESIS_HASH}');

      CREATE TRIGGER audit_records_no_update BEFORE UPDATE ON audit_records
      BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END;
      CREATE TRIGGER audit_records_no_delete BEFORE DELETE ON audit_records
      BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END;
      CREATE TRIGGER audit_chain_head_forward BEFORE UPDATE ON audit_chain_head WHEN NEW.seq <> OLD.seq + 1
      BEGIN SELECT RAISE(ABORT, 'the audit chain head only moves forward'); END;
      CREATE TRIGGER audit_chain_head_no_delete BEFORE DELETE ON audit_chain_head
      BEGIN SELECT RAISE(ABORT, 'the audit chain head cannot be deleted'); END;
    `,
  },
];

/** Applies the migrations not yet recorded in schema_migrations, each in its own write transaction. */
export function migrateSqlite(db: DatabaseSync): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT');
  for (const migration of migrations) {
    db.exec('BEGIN IMMEDIATE');
    try {
      // Checked inside the write lock: another process may have applied it meanwhile.
      const applied = db.prepare('SELECT 1 FROM schema_migrations WHERE version = ?').get(migration.version);
      if (!applied) {
        db.exec(migration.sql);
        db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
          migration.version,
          migration.name,
          new Date().toISOString(),
        );
      }
      db.exec('COMMIT');
    } catch (err) {
      if (db.isTransaction) db.exec('ROLLBACK');
      throw err;
    }
  }
}
