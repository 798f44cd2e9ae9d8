import type { PoolClient } from 'pg';
import { GENESIS_HASH } from './audit-hash.js';

interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Any constant works; it only has to be the same in every process that migrates this database. */
const MIGRATION_LOCK_KEY = 7_244_021_001;

const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'audit trail',
    sql: `
      CREATE TABLE audit_records (
        seq bigint PRIMARY KEY CHECK (seq >= 1),
        id uuid NOT NULL UNIQUE,
        at timestamptz NOT NULL,
        operator_id text NOT NULL,
        operator_username text NOT NULL,
        operator_role text NOT NULL,
        realm text NOT NULL,
        target_user_id text,
        target_username text,
        session_id text,
        action text NOT NULL,
        reason text,
        outcome text NOT NULL CHECK (outcome IN ('attempted', 'succeeded', 'failed', 'refused')),
        error text,
        details text,
        request_id text NOT NULL,
        ip text NOT NULL,
        job_id text,
        attempt_seq bigint,
        prev_hash text NOT NULL,
        hash text NOT NULL
      );
      CREATE UNIQUE INDEX audit_records_attempt ON audit_records (attempt_seq) WHERE attempt_seq IS NOT NULL;
      CREATE INDEX audit_records_operator_id ON audit_records (operator_id, seq);
      CREATE INDEX audit_records_operator_username ON audit_records (operator_username, seq);
      CREATE INDEX audit_records_target_user_id ON audit_records (target_user_id, seq);
      CREATE INDEX audit_records_target_username ON audit_records (target_username, seq);
      CREATE INDEX audit_records_realm ON audit_records (realm, seq);
      CREATE INDEX audit_records_at ON audit_records (at);
      CREATE INDEX audit_records_job ON audit_records (job_id, seq) WHERE job_id IS NOT NULL;

      -- The one row every append locks (FOR UPDATE) and moves forward in the same transaction:
      -- it serialises appends across processes and lets verify catch records cut off the end.
      CREATE TABLE audit_chain_head (
        id smallint PRIMARY KEY CHECK (id = 1),
        seq bigint NOT NULL,
        hash text NOT NULL
      );
      INSERT INTO audit_chain_head (id, seq, hash) VALUES (1, 0, '${GENESIS_HASH}');

      CREATE FUNCTION audit_records_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit records are append-only';
      END $$;
      CREATE TRIGGER audit_records_no_change BEFORE UPDATE OR DELETE ON audit_records
        FOR EACH ROW EXECUTE FUNCTION audit_records_append_only();
      CREATE TRIGGER audit_records_no_truncate BEFORE TRUNCATE ON audit_records
        FOR EACH STATEMENT EXECUTE FUNCTION audit_records_append_only();

      CREATE FUNCTION audit_chain_head_forward() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP <> 'UPDATE' OR NEW.seq <> OLD.seq + 1 THEN
          RAISE EXCEPTION 'the audit chain head only moves forward';
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER audit_chain_head_forward BEFORE UPDATE OR DELETE ON audit_chain_head
        FOR EACH ROW EXECUTE FUNCTION audit_chain_head_forward();
      CREATE TRIGGER audit_chain_head_no_truncate BEFORE TRUNCATE ON audit_chain_head
        FOR EACH STATEMENT EXECUTE FUNCTION audit_records_append_only();
    `,
  },
];

/** Applies the migrations not yet recorded in schema_migrations, all under one advisory lock so two processes starting together do not race. */
export async function migratePostgres(client: PoolClient): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
    const applied = new Set(rows.map((row) => row.version));
    for (const migration of migrations) {
      if (applied.has(migration.version)) continue;
      await client.query(migration.sql);
      await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
    }
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}
