import type { KeycloakSessions, UserContact } from '../keycloak/sessions-api.js';
import { readUsers } from './user-reads.js';

type ContactSource = Pick<KeycloakSessions, 'userContact' | 'userContactsByPaging' | 'userCount' | 'userPageSize'>;

interface Entry {
  contact: UserContact;
  fetchedAt: number;
  lastSeen: number;
}


export interface UserDirectoryOptions {
  /** A user's details older than this are re-read from Keycloak, a few per build (ms; default 15 min). */
  refreshMs?: number;
  /** At most this many stale users are re-read per build, oldest first (default 5). */
  refreshPerBuild?: number;
  /** A user without sessions for this long is forgotten (ms; default 15 min). */
  forgetMs?: number;
  now?: () => number;
}


/**
 * Username, email and name of the users who have sessions, kept across snapshot builds so a build
 * costs Keycloak calls for sessions, not for the realm's users. A user is read from Keycloak when
 * first seen with a session (or renamed: the session listing carries the username), re-read slowly
 * after `refreshMs`, and forgotten `forgetMs` after their last session. When more users are new
 * than the realm has user pages (a first build), the realm's users are paged instead, keeping only
 * those with sessions.
 */
export class UserDirectory {
  readonly #keycloak: ContactSource;
  readonly #refreshMs: number;
  readonly #refreshPerBuild: number;
  readonly #forgetMs: number;
  readonly #now: () => number;
  readonly #realms = new Map<string, Map<string, Entry>>();

  constructor(keycloak: ContactSource, options: UserDirectoryOptions = {}) {
    this.#keycloak = keycloak;
    this.#refreshMs = options.refreshMs ?? 15 * 60_000;
    this.#refreshPerBuild = options.refreshPerBuild ?? 5;
    this.#forgetMs = options.forgetMs ?? 15 * 60_000;
    this.#now = options.now ?? Date.now;
  }

  /**
   * The details of each user with sessions. `usernames`: user id → the username the session listing
   * showed. A user Keycloak no longer has keeps that username, without email or name.
   */
  async resolve(realm: string, usernames: ReadonlyMap<string, string>): Promise<ReadonlyMap<string, UserContact>> {
    const entries = this.#entries(realm);
    const now = this.#now();
    const missing: string[] = [];
    const stale: Array<[string, number]> = [];
    for (const [id, username] of usernames) {
      const entry = entries.get(id);
      if (!entry || entry.contact.username !== username) missing.push(id);
      else if (now - entry.fetchedAt > this.#refreshMs) stale.push([id, entry.fetchedAt]);
    }
    const refresh = stale
      .sort((a, b) => a[1] - b[1])
      .slice(0, this.#refreshPerBuild)
      .map(([id]) => id);
    await this.#read(realm, entries, [...missing, ...refresh], now);

    const resolved = new Map<string, UserContact>();
    for (const [id, username] of usernames) {
      const entry = entries.get(id) ?? { contact: { username, email: null, fullName: '' }, fetchedAt: now, lastSeen: now };
      entry.lastSeen = now;
      entries.set(id, entry);
      resolved.set(id, entry.contact);
    }
    for (const [id, entry] of entries) if (now - entry.lastSeen > this.#forgetMs) entries.delete(id);
    return resolved;
  }

  /**
   * Takes users' details from a build another instance made and published (`fetchedAt`: that
   * build's start, epoch ms), so the next build here does not read them again. A user known here
   * from a newer read keeps it.
   */
  remember(realm: string, contacts: ReadonlyMap<string, UserContact>, fetchedAt: number): void {
    const entries = this.#entries(realm);
    const now = this.#now();
    for (const [id, contact] of contacts) {
      const known = entries.get(id);
      if (known && known.fetchedAt >= fetchedAt) continue;
      entries.set(id, { contact, fetchedAt, lastSeen: now });
    }
  }

  /** How many users of the realm are remembered (for tests and metrics). */
  size(realm: string): number {
    return this.#realms.get(realm)?.size ?? 0;
  }

  async #read(realm: string, entries: Map<string, Entry>, ids: string[], now: number): Promise<void> {
    const reads = { one: (id: string) => this.#keycloak.userContact(realm, id), byPaging: (wanted: ReadonlySet<string>) => this.#keycloak.userContactsByPaging(realm, wanted) };
    await readUsers(this.#keycloak, realm, ids, reads, (id, contact) => {
      if (contact) entries.set(id, { contact, fetchedAt: now, lastSeen: now });
      else entries.delete(id);
    });
  }

  #entries(realm: string): Map<string, Entry> {
    let entries = this.#realms.get(realm);
    if (!entries) {
      entries = new Map();
      this.#realms.set(realm, entries);
    }
    return entries;
  }
}
