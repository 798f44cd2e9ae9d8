import type { SessionListQuery, SessionRow, SessionSort } from '@session-desk/contracts';
import { addressSearch } from './address-search.js';

interface IndexedRow {
  row: SessionRow;
  haystack: string;
  /**
   * Lower-cased, each between newlines (`\nde\ngermany\n`): the country's code and name, `private`
   * and `private network`, or `unknown` (and `unknown address`); '' without location. Text, not a
   * Set: two Sets a row were about 2.4 MB of a 10,000-session snapshot.
   */
  countryKeys: string;
  /** Lower-cased network name and `as<number>`; '' without one. */
  network: string;
  started: number;
  lastAccess: number;
}

/** Searches remembered per snapshot (least recently used dropped first). */
const SEARCH_CACHE_SIZE = 64;
/** Pages kept as JSON text per snapshot (a page of 50 rows is about 22 KB). */
const PAGE_TEXT_CACHE_SIZE = 32;

const compare: Record<SessionSort, (a: IndexedRow, b: IndexedRow) => number> = {
  'lastAccess:desc': (a, b) => b.lastAccess - a.lastAccess || a.row.id.localeCompare(b.row.id),
  'lastAccess:asc': (a, b) => a.lastAccess - b.lastAccess || a.row.id.localeCompare(b.row.id),
  'started:desc': (a, b) => b.started - a.started || a.row.id.localeCompare(b.row.id),
  'started:asc': (a, b) => a.started - b.started || a.row.id.localeCompare(b.row.id),
  'username:asc': (a, b) => a.row.username.localeCompare(b.row.username) || a.row.id.localeCompare(b.row.id),
  'username:desc': (a, b) => b.row.username.localeCompare(a.row.username) || a.row.id.localeCompare(b.row.id),
};

/** What the search matches besides the row itself: the user's first and last name, by user id. */
export type UserNames = ReadonlyMap<string, string>;

/**
 * The lower-cased text a search looks in: what help-desk staff have at hand — username, email,
 * first and last name, IP, client ids and the session id (a token's `sid`, a log line).
 */
function searchText(row: SessionRow, names: UserNames): string {
  return [row.username, row.email ?? '', names.get(row.userId) ?? '', row.ipAddress, ...row.clients.map((client) => client.clientId), row.id, ...locationText(row)]
    .join('\n')
    .toLowerCase();
}

/**
 * Where the session comes from, as searched: country code and name (or "unknown country"), network
 * name and AS number; "private network" or "unknown address" as the Location column shows them.
 */
function locationText({ location }: SessionRow): string[] {
  if (!location) return [];
  if (location.scope === 'private') return ['private network'];
  if (location.scope === 'unknown') return ['unknown address'];
  return [location.country?.code ?? 'unknown country', location.country?.name ?? '', location.network ? `${location.network.name}\nAS${location.network.asn}` : ''];
}

/**
 * The country filter's keys: code and name; `private` for private networks; `unknown` wherever the
 * console cannot tell a country — an address it cannot read (Keycloak stores some forms as given) or
 * one the database has no country for — so such sessions can be listed and ended like any other.
 */
function countryKeys({ location }: SessionRow): string {
  if (!location) return '';
  // "Private network" and "Unknown address" are what the console shows in the Location column, so they filter too.
  if (location.scope === 'private') return '\nprivate\nprivate network\n';
  if (location.scope === 'unknown') return '\nunknown\nunknown address\n';
  return location.country ? `\n${location.country.code}\n${location.country.name}\n`.toLowerCase() : '\nunknown\n';
}

/** Whether `keys` (countryKeys' text) holds `country` (lower-cased) whole. */
const hasCountry = (keys: string, country: string) => !country.includes('\n') && keys.includes(`\n${country}\n`);

/** `AS15169` matches that number only; anything else is part of the operator's name. */
function networkMatches(network: string, wanted: string): boolean {
  return /^as\d+$/.test(wanted) ? network.endsWith(`\n${wanted}`) : network.includes(wanted);
}

/** A row with what searching and sorting it needs, computed once. */
function indexRow(row: SessionRow, names: UserNames): IndexedRow {
  return {
    row,
    haystack: searchText(row, names),
    countryKeys: countryKeys(row),
    network: row.location?.network ? `${row.location.network.name}\nas${row.location.network.asn}`.toLowerCase() : '',
    started: Date.parse(row.started),
    lastAccess: Date.parse(row.lastAccess),
  };
}

/**
 * Rows already indexed, the sort orders made for exactly these rows, and (when the rows are an
 * index's own, less some) the original's lookup by `type:id` with the rows it holds that are gone:
 * what a copy of an index starts from.
 */
class IndexedRows {
  constructor(
    readonly rows: IndexedRow[],
    readonly sorted: ReadonlyMap<SessionSort, IndexedRow[]>,
    readonly lookup?: { byKey: ReadonlyMap<string, IndexedRow>; gone: ReadonlySet<IndexedRow> },
  ) {}
}

const rowKey = (row: SessionRow) => `${row.type}:${row.id}`;

/**
 * An immutable, searchable set of a realm's sessions: rows are indexed once (lower-cased search
 * text, numeric times) and each sort order is computed at most once, so a page costs one filter
 * pass and a slice.
 */
export class SessionIndex {
  readonly #rows: IndexedRow[];
  /** Every row by `type:id`, shared by the copies `without` makes; the rows of it in `#gone` are not in this index. */
  readonly #byKey: ReadonlyMap<string, IndexedRow>;
  readonly #gone: ReadonlySet<IndexedRow>;
  readonly #sorted = new Map<SessionSort, IndexedRow[]>();
  readonly #searches = new Map<string, IndexedRow[]>();
  readonly #pageTexts = new Map<string, string>();
  readonly #names: UserNames;
  readonly #revokedCounts = new WeakMap<IndexedRow[], number>();

  /**
   * `rows`: the realm's sessions, or (from `without` and `map`) rows this module already indexed,
   * with the sort orders still valid for them. `names`: "first last" per user id, searched but not
   * shown in the rows.
   */
  constructor(rows: readonly SessionRow[] | IndexedRows, names: UserNames = new Map()) {
    this.#names = names;
    if (rows instanceof IndexedRows) {
      this.#rows = rows.rows;
      for (const [sort, sorted] of rows.sorted) this.#sorted.set(sort, sorted);
    } else this.#rows = rows.map((row) => indexRow(row, names));
    if (rows instanceof IndexedRows && rows.lookup) {
      this.#byKey = rows.lookup.byKey;
      this.#gone = rows.lookup.gone;
    } else {
      const byKey = new Map<string, IndexedRow>();
      for (const indexed of this.#rows) byKey.set(rowKey(indexed.row), indexed);
      this.#byKey = byKey;
      this.#gone = new Set();
    }
  }

  get size(): number {
    return this.#rows.length;
  }

  find(sessionId: string, type?: SessionRow['type']): SessionRow | undefined {
    if (type) return this.#held(`${type}:${sessionId}`);
    return this.#held(`regular:${sessionId}`) ?? this.#held(`offline:${sessionId}`);
  }

  #held(key: string): SessionRow | undefined {
    const indexed = this.#byKey.get(key);
    return indexed === undefined || this.#gone.has(indexed) ? undefined : indexed.row;
  }

  /**
   * A copy without the given sessions (after they were ended through the console). The other rows
   * keep their indexing and their places in the sort orders already made: a session ended in a
   * realm of 100,000 does not index and sort 100,000 rows again.
   */
  without(predicate: (row: SessionRow) => boolean): SessionIndex {
    const gone = new Set<IndexedRow>();
    const rows = this.#rows.filter((indexed) => {
      if (!predicate(indexed.row)) return true;
      gone.add(indexed);
      return false;
    });
    if (gone.size === 0) return this;
    const sorted = new Map<SessionSort, IndexedRow[]>();
    for (const [sort, ordered] of this.#sorted) sorted.set(sort, ordered.filter((indexed) => !gone.has(indexed)));
    // The lookup is shared, with the rows gone since it was made: copying it (or keying every row
    // again) allocated per row of the realm at the end of every bulk job.
    for (const indexed of this.#gone) gone.add(indexed);
    return new SessionIndex(new IndexedRows(rows, sorted, { byKey: this.#byKey, gone }), this.#names);
  }

  /**
   * A copy with some rows changed (e.g. marked revoked): a changed row is indexed again, the others
   * keep their indexing; sort orders are made again when asked for.
   */
  map(change: (row: SessionRow) => SessionRow): SessionIndex {
    const rows = this.#rows.map((indexed) => {
      const changed = change(indexed.row);
      return changed === indexed.row ? indexed : indexRow(changed, this.#names);
    });
    return new SessionIndex(new IndexedRows(rows, new Map()), this.#names);
  }

  /** One page of the matching rows, how many match, and how many of those are revoked. */
  query(query: SessionListQuery): { items: SessionRow[]; total: number; revokedTotal: number } {
    const matches = this.#matches(query);
    return {
      items: matches.slice(query.first, query.first + query.max).map((indexed) => indexed.row),
      total: matches.length,
      revokedTotal: this.#revokedIn(matches),
    };
  }

  /**
   * `query` as `query` answers it, with the page's rows as JSON text (`itemsJson`, an array). The
   * snapshot never changes, so the last PAGE_TEXT_CACHE_SIZE pages asked are kept as text: paging
   * back and the console's auto-refresh serialize nothing.
   */
  queryText(query: SessionListQuery): { itemsJson: string; total: number; revokedTotal: number } {
    const matches = this.#matches(query);
    const key = JSON.stringify([query.sort, query.type, query.client, query.country?.toLowerCase(), query.network?.toLowerCase(), query.q?.toLowerCase(), query.first, query.max]);
    let itemsJson = this.#pageTexts.get(key);
    if (itemsJson === undefined) {
      itemsJson = JSON.stringify(matches.slice(query.first, query.first + query.max).map((indexed) => indexed.row));
      if (this.#pageTexts.size >= PAGE_TEXT_CACHE_SIZE) this.#pageTexts.delete(this.#pageTexts.keys().next().value ?? '');
    } else this.#pageTexts.delete(key);
    this.#pageTexts.set(key, itemsJson);
    return { itemsJson, total: matches.length, revokedTotal: this.#revokedIn(matches) };
  }

  /** Revoked rows among a search's matches, counted once per search result (kept as long as it). */
  #revokedIn(matches: IndexedRow[]): number {
    let count = this.#revokedCounts.get(matches);
    if (count === undefined) {
      count = matches.reduce((sum, indexed) => sum + (indexed.row.revoked ? 1 : 0), 0);
      this.#revokedCounts.set(matches, count);
    }
    return count;
  }

  /**
   * The rows matching a search, in order. Results are kept per search for the snapshot's life (it
   * never changes), so paging through a search and the console's auto-refresh cost one slice.
   */
  #matches(query: SessionListQuery): IndexedRow[] {
    const ordered = this.#inOrder(query.sort);
    const needle = query.q?.toLowerCase();
    const country = query.country?.toLowerCase();
    const network = query.network?.toLowerCase();
    if (!needle && !query.type && !query.client && !country && !network) return ordered;
    const key = JSON.stringify([query.sort, query.type, query.client, country, network, needle]);
    const cached = this.#searches.get(key);
    if (cached) {
      this.#searches.delete(key);
      this.#searches.set(key, cached);
      return cached;
    }
    // An address, its start or a CIDR range matches the session's address alone, by its octets'
    // order: "1.12" must not match 181.48.231.123, and "End all matching" acts on what matched.
    const address = needle ? addressSearch(needle) : undefined;
    const matches = ordered.filter(
      (indexed) =>
        (!query.type || indexed.row.type === query.type) &&
        (!query.client || indexed.row.clients.some((client) => client.clientId === query.client)) &&
        (!country || hasCountry(indexed.countryKeys, country)) &&
        (!network || networkMatches(indexed.network, network)) &&
        (!needle || (address ? address(indexed.row.ipAddress) : indexed.haystack.includes(needle))),
    );
    this.#searches.set(key, matches);
    if (this.#searches.size > SEARCH_CACHE_SIZE) this.#searches.delete(this.#searches.keys().next().value ?? '');
    return matches;
  }

  #inOrder(sort: SessionSort): IndexedRow[] {
    let sorted = this.#sorted.get(sort);
    if (!sorted) {
      sorted = [...this.#rows].sort(compare[sort]);
      this.#sorted.set(sort, sorted);
    }
    return sorted;
  }
}
