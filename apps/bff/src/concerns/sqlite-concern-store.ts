import type { DatabaseSync } from 'node:sqlite';
import { SqliteFile } from '../storage/sqlite-file.js';
import type { CountryHistory, CountrySighting } from './concern-rules.js';
import { historyFrom, type ConcernStore, type StoredConcernSettings } from './concern-store.js';

const schema = `
  CREATE TABLE IF NOT EXISTS concern_settings (
    realm TEXT PRIMARY KEY,
    settings TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by_id TEXT NOT NULL,
    updated_by_username TEXT NOT NULL
  ) STRICT;
  CREATE TABLE IF NOT EXISTS concern_countries (
    realm TEXT NOT NULL,
    user_id TEXT NOT NULL,
    country TEXT NOT NULL,
    first_seen INTEGER NOT NULL,
    PRIMARY KEY (realm, user_id, country)
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

  async recordCountries(realm: string, sightings: readonly CountrySighting[]): Promise<void> {
    if (sightings.length === 0) return;
    const db = this.#database();
    const upsert = db.prepare(
      `INSERT INTO concern_countries (realm, user_id, country, first_seen) VALUES (?, ?, ?, ?)
       ON CONFLICT (realm, user_id, country) DO UPDATE SET first_seen = min(first_seen, excluded.first_seen)`,
    );
    db.exec('BEGIN IMMEDIATE');
    try {
      for (const { userId, country, firstSeen } of sightings) upsert.run(realm, userId, country, firstSeen);
      db.exec('COMMIT');
    } catch (err) {
      if (db.isTransaction) db.exec('ROLLBACK');
      throw err;
    }
  }

  async countryHistory(realm: string): Promise<CountryHistory> {
    const rows = this.#database().prepare('SELECT user_id, country, first_seen FROM concern_countries WHERE realm = ?').all(realm);
    return historyFrom(rows.map((row) => ({ userId: String(row.user_id), country: String(row.country), firstSeen: Number(row.first_seen) })));
  }

  async close(): Promise<void> {
    this.#file.close();
  }

  #database(): DatabaseSync {
    return this.#file.database();
  }
}
