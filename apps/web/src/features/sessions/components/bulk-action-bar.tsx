import type { MouseEvent } from 'react';
import { Button } from '@/components/ui/button';
import { cn } from '@/lib/cn';
import { formatCount, formatNumber } from '@/lib/format';

export interface BulkActionBarProps {
  /** Ticked rows. */
  selected: number;
  /** Sessions matching the current search and filters (the list's total). */
  matching: number;
  /** bulk:end-all-matching: offer "End all N matching…". */
  canEndAllMatching: boolean;
  onEndSelected: (trigger: HTMLElement) => void;
  onEndAllMatching: (trigger: HTMLElement) => void;
  onClearSelection: () => void;
  /** The most sessions one job may end for this operator; null: no limit. */
  limit?: number | null;
}

/**
 * "3 selected — End selected…" and, for admins, "End all 37 matching…", below the list. Once a row
 * is ticked it sticks to the bottom of the window while the list scrolls; before that it stays in
 * place, so that on a phone it never covers the filters above the list. Buttons stay focusable when
 * there is nothing to act on (they say so) so that focus can come back to them after a dialog.
 */
export function BulkActionBar({ selected, matching, canEndAllMatching, onEndSelected, onEndAllMatching, onClearSelection, limit = null }: BulkActionBarProps) {
  const none = selected === 0;
  return (
    <div
      role="region"
      aria-label="Bulk actions"
      data-testid="bulk-bar"
      className={cn(
        'flex flex-col gap-3 rounded-lg px-4 py-3 ring-1 sm:flex-row sm:items-center sm:justify-between',
        none ? 'bg-white ring-slate-200' : 'sticky bottom-4 z-20 bg-accent-50 shadow-lg ring-accent-200',
      )}
    >
      <div>
      <p className="text-sm text-slate-700" aria-live="polite" data-testid="bulk-selected-count">
        {none ? (
          'Tick sessions to end several at once.'
        ) : (
          <>
            <strong className="font-semibold text-slate-900">{formatNumber(selected)} selected</strong>
            <span className="sr-only"> ({formatCount(selected, 'session')})</span>
          </>
        )}

      </p>
        {limit !== null ? (
          <p className="text-xs text-slate-500" data-testid="bulk-limit">
            You may end at most {formatNumber(limit)} sessions in one job.
          </p>
        ) : null}
      </div>
      <div className="flex flex-wrap gap-2">
        {none ? null : (
          <Button variant="ghost" size="sm" onClick={onClearSelection}>
            Clear selection
          </Button>
        )}
        <Button
          variant="danger"
          size="sm"
          aria-disabled={none || undefined}
          className={cn(none && 'cursor-not-allowed opacity-50')}
          title={none ? 'Tick at least one session first' : undefined}
          onClick={(event: MouseEvent<HTMLButtonElement>) => {
            if (!none) onEndSelected(event.currentTarget);
          }}
        >
          End selected…
        </Button>
        {canEndAllMatching ? (
          <Button
            variant="secondary"
            size="sm"
            aria-disabled={matching === 0 || undefined}
            className={cn('text-red-700', matching === 0 && 'cursor-not-allowed opacity-50')}
            onClick={(event: MouseEvent<HTMLButtonElement>) => {
              if (matching > 0) onEndAllMatching(event.currentTarget);
            }}
          >
            {matching === 1 ? 'End the 1 matching…' : `End all ${formatNumber(matching)} matching…`}
          </Button>
        ) : null}
      </div>
    </div>
  );
}
