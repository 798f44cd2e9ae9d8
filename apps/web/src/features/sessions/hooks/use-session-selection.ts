import type { SessionRow } from '@session-desk/contracts';
import { useState } from 'react';
import { pruneSelection, sessionKey, toggleAllRows, toggleRow } from '../lib/session-selection';

const empty: ReadonlySet<string> = new Set();

/**
 * Which listed sessions are ticked for a bulk action. Keyed by id + type, so it survives the list's
 * auto-refresh; rows that are no longer listed (ended, another page or search) are dropped. A row
 * `lockReason` gives a reason for (the operator's own session, a user the role may not act on) is
 * never part of it: "select all" skips it, and it leaves the selection when it becomes locked.
 */
export function useSessionSelection(rows: SessionRow[] | undefined, lockReason: (row: SessionRow) => string | undefined = () => undefined) {
  const [selected, setSelected] = useState<ReadonlySet<string>>(empty);
  const [seenRows, setSeenRows] = useState(rows);

  // Adjust during render when a new list arrives (no effect, no flash of a stale count).
  if (rows !== seenRows) {
    setSeenRows(rows);
    if (rows) {
      const pruned = pruneSelection(selected, rows);
      if (pruned !== selected) setSelected(pruned);
    }
  }

  const visible = (rows ?? []).filter((row) => lockReason(row) === undefined);
  const selectedRows = visible.filter((row) => selected.has(sessionKey(row)));
  const allSelected = visible.length > 0 && selectedRows.length === visible.length;

  return {
    selectedRows,
    count: selectedRows.length,
    allSelected,
    someSelected: selectedRows.length > 0 && !allSelected,
    isSelected: (row: SessionRow) => selected.has(sessionKey(row)) && lockReason(row) === undefined,
    toggle: (row: SessionRow) => setSelected((current) => toggleRow(current, row)),
    toggleAll: () => setSelected((current) => toggleAllRows(current, visible)),
    clear: () => setSelected(empty),
  };
}
