import type { SessionRow } from '@session-desk/contracts';

/** A session is identified by id and type together (an offline session can share its regular session's id). */
export function sessionKey(session: Pick<SessionRow, 'id' | 'type'>): string {
  return `${session.type}:${session.id}`;
}

/** The selection limited to rows still listed: a session that ended or left the page is dropped. */
export function pruneSelection(selected: ReadonlySet<string>, rows: ReadonlyArray<Pick<SessionRow, 'id' | 'type'>>): ReadonlySet<string> {
  const listed = new Set(rows.map(sessionKey));
  const kept = [...selected].filter((key) => listed.has(key));
  return kept.length === selected.size ? selected : new Set(kept);
}

/** Selects every row of the page, or clears the page when all of it is selected already. */
export function toggleAllRows(selected: ReadonlySet<string>, rows: ReadonlyArray<Pick<SessionRow, 'id' | 'type'>>): ReadonlySet<string> {
  const keys = rows.map(sessionKey);
  const allSelected = keys.length > 0 && keys.every((key) => selected.has(key));
  const next = new Set(selected);
  for (const key of keys) {
    if (allSelected) next.delete(key);
    else next.add(key);
  }
  return next;
}

export function toggleRow(selected: ReadonlySet<string>, row: Pick<SessionRow, 'id' | 'type'>): ReadonlySet<string> {
  const next = new Set(selected);
  const key = sessionKey(row);
  if (next.has(key)) next.delete(key);
  else next.add(key);
  return next;
}
