import type { SessionListQuery, SessionRow, SessionSort } from '@session-desk/contracts';

interface IndexedRow {
  row: SessionRow;
  haystack: string;
  started: number;
  lastAccess: number;
  clientIds: ReadonlySet<string>;
}

const compare: Record<SessionSort, (a: IndexedRow, b: IndexedRow) => number> = {
  'lastAccess:desc': (a, b) => b.lastAccess - a.lastAccess || a.row.id.localeCompare(b.row.id),
  'lastAccess:asc': (a, b) => a.lastAccess - b.lastAccess || a.row.id.localeCompare(b.row.id),
  'started:desc': (a, b) => b.started - a.started || a.row.id.localeCompare(b.row.id),
  'started:asc': (a, b) => a.started - b.started || a.row.id.localeCompare(b.row.id),
  'username:asc': (a, b) => a.row.username.localeCompare(b.row.username) || a.row.id.localeCompare(b.row.id),
  'username:desc': (a, b) => b.row.username.localeCompare(a.row.username) || a.row.id.localeCompare(b.row.id),
};

/**
 * An immutable, searchable set of a realm's sessions: rows are indexed once (lower-cased search
 * text, numeric times) and each sort order is computed at most once, so a page costs one filter
 * pass and a slice.
 */
export class SessionIndex {
  readonly #rows: IndexedRow[];
  readonly #byKey = new Map<string, SessionRow>();
  readonly #sorted = new Map<SessionSort, IndexedRow[]>();

  constructor(rows: SessionRow[]) {
    this.#rows = rows.map((row) => ({
      row,
      haystack: `${row.username}\n${row.email ?? ''}\n${row.ipAddress}`.toLowerCase(),
      started: Date.parse(row.started),
      lastAccess: Date.parse(row.lastAccess),
      clientIds: new Set(row.clients.map((client) => client.clientId)),
    }));
    for (const row of rows) this.#byKey.set(`${row.type}:${row.id}`, row);
  }

  get size(): number {
    return this.#rows.length;
  }

  find(sessionId: string, type?: SessionRow['type']): SessionRow | undefined {
    if (type) return this.#byKey.get(`${type}:${sessionId}`);
    return this.#byKey.get(`regular:${sessionId}`) ?? this.#byKey.get(`offline:${sessionId}`);
  }

  /** A copy without the given sessions (after they were ended through the console). */
  without(predicate: (row: SessionRow) => boolean): SessionIndex {
    return new SessionIndex(this.#rows.map((indexed) => indexed.row).filter((row) => !predicate(row)));
  }

  query(query: SessionListQuery): { items: SessionRow[]; total: number } {
    const needle = query.q?.toLowerCase();
    const ordered = this.#inOrder(query.sort);
    if (!needle && !query.type && !query.client) {
      return { items: ordered.slice(query.first, query.first + query.max).map((indexed) => indexed.row), total: ordered.length };
    }
    const matches = ordered.filter(
      (indexed) =>
        (!query.type || indexed.row.type === query.type) &&
        (!query.client || indexed.clientIds.has(query.client)) &&
        (!needle || indexed.haystack.includes(needle)),
    );
    return { items: matches.slice(query.first, query.first + query.max).map((indexed) => indexed.row), total: matches.length };
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
