import type { DatabaseSync } from 'node:sqlite';
import { SqliteFile } from '../storage/sqlite-file.js';
import type { SessionSighting } from './concern-rules.js';
import type { ConcernStore, StoredConcernSettings } from './concern-store.js';

const schema = `
  CREATE TABLE IF NOT EXISTS concern_settings (
    realm TEXT PRIMARY KEY,
    settings TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by_id TEXT NOT NULL,
    updated_by_username TEXT NOT NULL
  ) STRICT;
  CREATE TABLE IF NOT EXISTS concern_sightings (
    realm TEXT NOT NULL,
    user_id TEXT NOT NULL,
    session_id TEXT NOT NULL,
    country TEXT NOT NULL,
    started INTEGER NOT NULL,
    PRIMARY KEY (realm, user_id, session_id)
  ) STRICT;
`;

/** The concern settings and seen countries in a SQLite file next to the audit trail (see ConcernStore). */
export class SqliteConcernStore implements ConcernStore {
  readonly kind = 'sqlite';
  readonly #file: SqliteFile;

  constructor(options: { file: string }) {
    this.#file = new SqliteFile({ file: options.file, schema, name: 'concern store' });
  }

  async init(): Promise<void> {
    this.#database();
  }

  async settings(realm: string): Promise<StoredConcernSettings | null> {
    const row = this.#database().prepare('SELECT settings, updated_at, updated_by_id, updated_by_username FROM concern_settings WHERE realm = ?').get(realm);
    if (!row) return null;
    return {
      settings: JSON.parse(String(row.settings)) as unknown,
      updatedAt: String(row.updated_at),
      updatedBy: { id: String(row.updated_by_id), username: String(row.updated_by_username) },
    };
  }

  async saveSettings(realm: string, settings: unknown, by: { id: string; username: string }): Promise<StoredConcernSettings> {
    const updatedAt = new Date().toISOString();
    this.#database()
      .prepare(
        `INSERT INTO concern_settings (realm, settings, updated_at, updated_by_id, updated_by_username) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (realm) DO UPDATE SET settings = excluded.settings, updated_at = excluded.updated_at,
           updated_by_id = excluded.updated_by_id, updated_by_username = excluded.updated_by_username`,
      )
      .run(realm, JSON.stringify(settings), updatedAt, by.id, by.username);
    return { settings, updatedAt, updatedBy: { id: by.id, username: by.username } };
  }

  async recordSightings(realm: string, sightings: readonly SessionSighting[]): Promise<void> {
    if (sightings.length === 0) return;
    const db = this.#database();
    const insert = db.prepare(
      `INSERT INTO concern_sightings (realm, user_id, session_id, country, started) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (realm, user_id, session_id) DO NOTHING`,
    );
    db.exec('BEGIN IMMEDIATE');
    try {
      for (const { userId, sessionId, country, started } of sightings) insert.run(realm, userId, sessionId, country, started);
      db.exec('COMMIT');
    } catch (err) {
      if (db.isTransaction) db.exec('ROLLBACK');
      throw err;
    }
  }

  async sightings(realm: string): Promise<SessionSighting[]> {
    const rows = this.#database().prepare('SELECT user_id, session_id, country, started FROM concern_sightings WHERE realm = ?').all(realm);
    return rows.map((row) => ({ userId: String(row.user_id), sessionId: String(row.session_id), country: String(row.country), started: Number(row.started) }));
  }

  async close(): Promise<void> {
    this.#file.close();
  }

  #database(): DatabaseSync {
    return this.#file.database();
  }
}
