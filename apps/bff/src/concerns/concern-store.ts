import type { CountryHistory, CountrySighting } from './concern-rules.js';

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
 * - the countries seen per user ("seen countries"): for each (realm, user, country) the earliest
 *   start of a live session from that country the console has seen in a realm snapshot. Keycloak
 *   forgets a session when it ends and the audit trail only records what operators do, so this is
 *   the history the "new country" rule reads; it begins when the console first sees the user.
 */
export interface ConcernStore {
  readonly kind: 'sqlite' | 'postgres';
  /** Creates the schema; every other call also does this on first use. */
  init(): Promise<void>;
  /** The realm's saved settings; null while it runs on the defaults. */
  settings(realm: string): Promise<StoredConcernSettings | null>;
  /** Replaces the realm's settings; returns what was stored. */
  saveSettings(realm: string, settings: unknown, by: { id: string; username: string }): Promise<StoredConcernSettings>;
  /** Adds sightings, keeping the earliest `firstSeen` per (realm, user, country). */
  recordCountries(realm: string, sightings: readonly CountrySighting[]): Promise<void>;
  /** Every user's seen countries in the realm. */
  countryHistory(realm: string): Promise<CountryHistory>;
  close(): Promise<void>;
}

/** Folds (user, country, first seen) rows into a history. */
export function historyFrom(rows: Iterable<{ userId: string; country: string; firstSeen: number }>): CountryHistory {
  const history = new Map<string, Map<string, number>>();
  for (const { userId, country, firstSeen } of rows) {
    let countries = history.get(userId);
    if (!countries) {
      countries = new Map();
      history.set(userId, countries);
    }
    countries.set(country, firstSeen);
  }
  return history;
}
