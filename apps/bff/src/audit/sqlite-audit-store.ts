import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { setImmediate as nextTick } from 'node:timers/promises';
import { prepareEntry, sealEntry, type PreparedAuditEntry } from './audit-entry.js';
import { asAuditError, auditUnavailable, auditUnreadable } from './audit-errors.js';
import { AUDIT_COLUMNS, recordToColumns } from './audit-row.js';
import { queryTrailPage, streamTrail, type BoundSql, type SqlDialect } from './audit-sql.js';
import type { AuditFilter, AuditPage, AuditRecord, AuditStore, AuditStreamFilter, NewAuditEntry, VerifyResult } from './audit-store.js';
import { verifyChain, type ChainHead } from './audit-verify.js';
import { migrateSqlite } from './sqlite-migrations.js';

export interface SqliteAuditStoreOptions {
  /** SQLite's durability level: NORMAL survives a BFF crash, FULL also a power cut (slower). */
  synchronous?: 'FULL' | 'NORMAL';
  file: string;
  /** How long a write waits for another process's write lock; the wait blocks the event loop, so keep it short. */
  busyTimeoutMs?: number;
  /** Records read per round trip by stream() and verify(). */
  batchSize?: number;
}

type Row = Record<string, unknown>;

const dialect: SqlDialect = { caseInsensitiveLike: 'LIKE' };
const insertSql = `INSERT INTO audit_records (${AUDIT_COLUMNS.join(', ')}) VALUES (${AUDIT_COLUMNS.map(() => '?').join(', ')})`;
const numbered = (index: number) => `?${index}`;

/** Statements of each open database, prepared once: compiling SQL on every append cost more than running it. */
const statements = new WeakMap<DatabaseSync, Map<string, StatementSync>>();

function prepared(db: DatabaseSync, sql: string): StatementSync {
  let cache = statements.get(db);
  if (!cache) {
    cache = new Map();
    statements.set(db, cache);
  }
  let statement = cache.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    cache.set(sql, statement);
  }
  return statement;
}

function readHead(db: DatabaseSync): ChainHead | null {
  const row = prepared(db, 'SELECT seq, hash FROM audit_chain_head WHERE id = 1').get();
  if (!row) return null;
  const { seq, hash } = row;
  if (typeof seq !== 'number' || typeof hash !== 'string') throw new Error('the audit chain head is unreadable');
  return { seq, hash };
}

/**
 * How long appends gather before their one commit. A bulk job's eight workers append at different
 * moments; measured with bench:profile --what bulk, setImmediate gave 1.38 ms of BFF CPU per item
 * and 1 ms gave 0.92, for 1 ms more per audited action.
 */
const GROUP_COMMIT_WINDOW_MS = 1;

interface PendingAppend {
  entry: PreparedAuditEntry;
  resolve: (record: AuditRecord) => void;
  reject: (err: unknown) => void;
}

/**
 * The trail in a SQLite file (WAL mode) through node:sqlite. Calls are synchronous underneath, so
 * appends from one process never interleave; BEGIN IMMEDIATE also serialises them against other processes.
 * Appends made within GROUP_COMMIT_WINDOW_MS are committed together (group commit): each one's
 * promise settles once that one transaction has committed, so a record is still stored before its
 * caller goes on, and a bulk job's concurrent items share the cost of a commit.
 */
export class SqliteAuditStore implements AuditStore {
  readonly kind = 'sqlite';
  readonly file: string;
  readonly #busyTimeoutMs: number;
  readonly #batchSize: number;
  readonly #synchronous: 'FULL' | 'NORMAL';
  #db: DatabaseSync | undefined;
  #closed = false;
  #pending: PendingAppend[] = [];

  constructor(options: SqliteAuditStoreOptions) {
    this.file = options.file;
    this.#busyTimeoutMs = options.busyTimeoutMs ?? 2_000;
    this.#batchSize = options.batchSize ?? 500;
    this.#synchronous = options.synchronous ?? 'NORMAL';
  }

  async init(): Promise<void> {
    try {
      if (this.#closed) throw new Error('the audit store is closed');
      if (this.#db) return;
      mkdirSync(path.dirname(this.file), { recursive: true });
      const db = new DatabaseSync(this.file, { timeout: this.#busyTimeoutMs });
      try {
        db.exec('PRAGMA journal_mode = WAL');
        // NORMAL (WAL): a record survives a crash of the BFF once written; FULL also survives a power cut,
        // at the price of an fsync per record (about 250 records/s here instead of thousands).
        db.exec(`PRAGMA synchronous = ${this.#synchronous}`);
        migrateSqlite(db);
      } catch (err) {
        db.close();
        throw err;
      }
      this.#db = db;
    } catch (err) {
      throw auditUnavailable(err);
    }
  }

  /**
   * The durability settings in force on the store's own connection, read back from SQLite
   * (`synchronous` is per connection, so another connection cannot see it). Throws 503
   * audit_unavailable before `init()` or after `close()`.
   */
  durability(): { journalMode: string; synchronous: 'OFF' | 'NORMAL' | 'FULL' | 'EXTRA' } {
    try {
      const db = this.#database();
      const journal = db.prepare('PRAGMA journal_mode').get() as { journal_mode: string };
      const level = db.prepare('PRAGMA synchronous').get() as { synchronous: number };
      const synchronous = (['OFF', 'NORMAL', 'FULL', 'EXTRA'] as const)[level.synchronous];
      if (!synchronous) throw new Error(`unknown synchronous level ${level.synchronous}`);
      return { journalMode: journal.journal_mode, synchronous };
    } catch (err) {
      throw auditUnavailable(err);
    }
  }

  append(entry: NewAuditEntry): Promise<AuditRecord> {
    let prepared: PreparedAuditEntry;
    try {
      // A malformed entry fails here, alone, before it could fail the others' transaction.
      prepared = prepareEntry(entry);
    } catch (err) {
      return Promise.reject(err as Error);
    }
    return new Promise((resolve, reject) => {
      if (this.#pending.push({ entry: prepared, resolve, reject }) === 1) setTimeout(() => this.#commitPending(), GROUP_COMMIT_WINDOW_MS);
    });
  }

  /** Appends every entry queued since the last commit in one transaction, in the order they came. */
  #commitPending(): void {
    const batch = this.#pending;
    this.#pending = [];
    if (batch.length === 0) return;
    try {
      const records = this.#appendNow(batch.map((pending) => pending.entry));
      batch.forEach((pending, i) => pending.resolve(records[i] as AuditRecord));
      return;
    } catch (err) {
      // Only a rule one entry broke (SQLITE_CONSTRAINT: a second outcome, the head's trigger) is worth
      // retrying entry by entry; a locked or full database would fail (and block) once per entry.
      if (batch.length === 1 || ((err as { errcode?: number }).errcode ?? 0) % 256 !== 19) {
        for (const pending of batch) pending.reject(auditUnavailable(err));
        return;
      }
    }
    // One entry may have broken the transaction for all (e.g. a second outcome for one attempt):
    // each is tried alone, so only what cannot be stored fails.
    for (const pending of batch) {
      try {
        pending.resolve(this.#appendNow([pending.entry])[0] as AuditRecord);
      } catch (err) {
        pending.reject(auditUnavailable(err));
      }
    }
  }

  async query(filter: AuditFilter): Promise<AuditPage> {
    try {
      const db = this.#database();
      return await queryTrailPage(filter, async ({ sql, values }) => db.prepare(sql).all(...values), { ...dialect, placeholder: numbered });
    } catch (err) {
      throw asAuditError(err, auditUnreadable);
    }
  }

  stream(filter: AuditStreamFilter): AsyncIterable<AuditRecord> {
    const open = async () => {
      const db = this.#database();
      return { upToSeq: readHead(db)?.seq ?? 0, run: async ({ sql, values }: BoundSql) => db.prepare(sql).all(...values) };
    };
    return streamTrail(filter, open, { ...dialect, placeholder: numbered }, this.#batchSize);
  }

  async verify(): Promise<VerifyResult> {
    let reader: DatabaseSync;
    try {
      if (this.#closed) throw new Error('the audit store is closed');
      // Its own read-only connection: a read transaction held across awaits on the shared
      // connection would swallow the appends made meanwhile.
      reader = new DatabaseSync(this.file, { readOnly: true, timeout: this.#busyTimeoutMs });
    } catch (err) {
      throw auditUnreadable(err);
    }
    try {
      reader.exec('BEGIN');
      const head = readHead(reader);
      return await verifyChain(head, this.#rowsInOrder(reader));
    } catch (err) {
      throw asAuditError(err, auditUnreadable);
    } finally {
      reader.close();
    }
  }

  async close(): Promise<void> {
    // What was appended before the close is stored, as it was before appends were grouped.
    if (this.#pending.length > 0 && !this.#closed) this.#commitPending();
    this.#closed = true;
    const db = this.#db;
    this.#db = undefined;
    if (db?.isOpen) db.close();
  }

  #database(): DatabaseSync {
    if (this.#closed) throw new Error('the audit store is closed');
    if (!this.#db) throw new Error('the audit store is not initialised');
    return this.#db;
  }

  #appendNow(entries: readonly PreparedAuditEntry[]): AuditRecord[] {
    const db = this.#database();
    db.exec('BEGIN IMMEDIATE');
    try {
      let head = readHead(db);
      if (!head) throw new Error('the audit chain head is missing');
      const records: AuditRecord[] = [];
      const at = new Date();
      for (const entry of entries) {
        const record = sealEntry(entry, { seq: head.seq + 1, prevHash: head.hash, at });
        prepared(db, insertSql).run(...recordToColumns(record));
        // One step per record: the head's trigger refuses any other move.
        prepared(db, 'UPDATE audit_chain_head SET seq = ?, hash = ? WHERE id = 1').run(record.seq, record.hash);
        records.push(record);
        head = { seq: record.seq, hash: record.hash };
      }
      db.exec('COMMIT');
      return records;
    } catch (err) {
      if (db.isTransaction) db.exec('ROLLBACK');
      throw err;
    }
  }

  async *#rowsInOrder(db: DatabaseSync): AsyncIterable<Row> {
    const statement = db.prepare(`SELECT ${AUDIT_COLUMNS.join(', ')} FROM audit_records WHERE seq > ? ORDER BY seq LIMIT ${this.#batchSize}`);
    let after = 0;
    for (;;) {
      const rows: Row[] = statement.all(after);
      yield* rows;
      const last = rows.at(-1);
      if (!last || rows.length < this.#batchSize || typeof last.seq !== 'number') return;
      after = last.seq;
      // Long verifications must not starve the requests being served meanwhile.
      await nextTick();
    }
  }
}
