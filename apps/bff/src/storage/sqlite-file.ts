import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';

/**
 * A SQLite file (WAL, synchronous NORMAL: it survives a crash of the process) opened on first use
 * with its schema; closing it for good makes every later use throw. `busyTimeoutMs`: how long a
 * write waits for another process's lock (the wait blocks the event loop, so keep it short).
 */
export class SqliteFile {
  readonly #file: string;
  readonly #schema: string;
  readonly #name: string;
  readonly #busyTimeoutMs: number;
  #db: DatabaseSync | undefined;
  #closed = false;

  constructor(options: { file: string; schema: string; name: string; busyTimeoutMs?: number }) {
    this.#file = options.file;
    this.#schema = options.schema;
    this.#name = options.name;
    this.#busyTimeoutMs = options.busyTimeoutMs ?? 2_000;
  }

  database(): DatabaseSync {
    if (this.#closed) throw new Error(`the ${this.#name} is closed`);
    if (this.#db) return this.#db;
    mkdirSync(path.dirname(this.#file), { recursive: true });
    const db = new DatabaseSync(this.#file, { timeout: this.#busyTimeoutMs });
    try {
      db.exec('PRAGMA journal_mode = WAL');
      db.exec('PRAGMA synchronous = NORMAL');
      db.exec(this.#schema);
    } catch (err) {
      db.close();
      throw err;
    }
    this.#db = db;
    return db;
  }

  close(): void {
    this.#closed = true;
    const db = this.#db;
    this.#db = undefined;
    if (db?.isOpen) db.close();
  }
}
