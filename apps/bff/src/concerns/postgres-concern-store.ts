import { PostgresTables, type PostgresConnectionOptions } from '../storage/postgres-tables.js';
import type { SessionSighting } from './concern-rules.js';
import type { ConcernStore, StoredConcernSettings } from './concern-store.js';

/** The pool is always 2: settings and sightings are small, infrequent statements. */
export type PostgresConcernStoreOptions = Omit<PostgresConnectionOptions, 'poolSize'>;

/** Any constant works; it only has to be the same in every process that creates the tables. */
const SCHEMA_LOCK_KEY = 7_244_021_015;

const schema = `
  CREATE TABLE IF NOT EXISTS concern_settings (
    realm text PRIMARY KEY,
    settings jsonb NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    updated_by_id text NOT NULL,
    updated_by_username text NOT NULL
  );
  CREATE TABLE IF NOT EXISTS concern_sightings (
    realm text NOT NULL,
    user_id text NOT NULL,
    session_id text NOT NULL,
    country text NOT NULL,
    started bigint NOT NULL,
    PRIMARY KEY (realm, user_id, session_id)
  );
`;

interface SettingsRow {
  settings: unknown;
  updated_at: Date;
  updated_by_id: string;
  updated_by_username: string;
}

const storedSettings = (row: SettingsRow): StoredConcernSettings => ({
  settings: row.settings,
  updatedAt: row.updated_at.toISOString(),
  updatedBy: { id: row.updated_by_id, username: row.updated_by_username },
});

/** The concern settings and seen countries in PostgreSQL, shared by every instance (see ConcernStore). */
export class PostgresConcernStore implements ConcernStore {
  readonly kind = 'postgres';
  readonly #tables: PostgresTables;

  constructor(options: PostgresConcernStoreOptions) {
    this.#tables = new PostgresTables({ ...options, poolSize: 2, name: 'concern store', schema, schemaLockKey: SCHEMA_LOCK_KEY, applicationName: 'session-desk-concerns' });
  }

  init(): Promise<void> {
    return this.#tables.init();
  }

  async settings(realm: string): Promise<StoredConcernSettings | null> {
    const [row] = await this.#query<SettingsRow>('SELECT settings, updated_at, updated_by_id, updated_by_username FROM concern_settings WHERE realm = $1', [realm]);
    return row ? storedSettings(row) : null;
  }

  async saveSettings(realm: string, settings: unknown, by: { id: string; username: string }): Promise<StoredConcernSettings> {
    const [row] = await this.#query<SettingsRow>(
      `INSERT INTO concern_settings (realm, settings, updated_by_id, updated_by_username) VALUES ($1, $2, $3, $4)
       ON CONFLICT (realm) DO UPDATE SET settings = EXCLUDED.settings, updated_at = now(),
         updated_by_id = EXCLUDED.updated_by_id, updated_by_username = EXCLUDED.updated_by_username
       RETURNING settings, updated_at, updated_by_id, updated_by_username`,
      [realm, JSON.stringify(settings), by.id, by.username],
    );
    if (!row) throw new Error('the concern settings were not stored');
    return storedSettings(row);
  }

  async recordSightings(realm: string, sightings: readonly SessionSighting[]): Promise<void> {
    if (sightings.length === 0) return;
    await this.#query(
      `INSERT INTO concern_sightings (realm, user_id, session_id, country, started)
       SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::bigint[])
       ON CONFLICT (realm, user_id, session_id) DO NOTHING`,
      [realm, sightings.map((s) => s.userId), sightings.map((s) => s.sessionId), sightings.map((s) => s.country), sightings.map((s) => s.started)],
    );
  }

  async sightings(realm: string): Promise<SessionSighting[]> {
    const rows = await this.#query<{ user_id: string; session_id: string; country: string; started: string }>(
      'SELECT user_id, session_id, country, started FROM concern_sightings WHERE realm = $1',
      [realm],
    );
    return rows.map((row) => ({ userId: row.user_id, sessionId: row.session_id, country: row.country, started: Number(row.started) }));
  }

  close(): Promise<void> {
    return this.#tables.close();
  }

  #query<Row extends object>(sql: string, values: unknown[]): Promise<Row[]> {
    return this.#tables.query<Row & Record<string, unknown>>(sql, values);
  }
}
