import type { SessionSighting } from './concern-rules.js';

/** A realm's saved rule settings, as stored (parsed with the contract by the service). */
export interface StoredConcernSettings {
  settings: unknown;
  /** ISO 8601. */
  updatedAt: string;
  updatedBy: { id: string; username: string };
}

/**
 * What the concern rules keep across restarts, in the same kind of store as the audit trail and the
 * jobs (a SQLite file in the data directory, or PostgreSQL shared by every instance with DATABASE_URL):
 * - each realm's rule settings, as an admin last saved them;
 * - the sessions seen per user and country ("seen countries"): each live session from a country the
 *   console has seen in a realm snapshot it built, with its id and start. Keycloak forgets a session
 *   when it ends and the audit trail only records what operators do, so this is the history the
 *   "new country" rule reads (less the sessions an operator ended, which the trail names); it
 *   begins when the console first sees the user.
 */
export interface ConcernStore {
  readonly kind: 'sqlite' | 'postgres';
  /** Creates the schema; every other call also does this on first use. */
  init(): Promise<void>;
  /** The realm's saved settings; null while it runs on the defaults. */
  settings(realm: string): Promise<StoredConcernSettings | null>;
  /** Replaces the realm's settings; returns what was stored. */
  saveSettings(realm: string, settings: unknown, by: { id: string; username: string }): Promise<StoredConcernSettings>;
  /** Adds sightings; one already stored for the same (realm, user, session) is kept as it is. */
  recordSightings(realm: string, sightings: readonly SessionSighting[]): Promise<void>;
  /** Every sighting in the realm. */
  sightings(realm: string): Promise<SessionSighting[]>;
  close(): Promise<void>;
}
