import type { SessionRow } from '@session-desk/contracts';
import { useState } from 'react';
import { Card } from '@/components/ui/card';
import { ErrorPanel } from '@/components/ui/error-panel';
import { Notice } from '@/components/ui/notice';
import { describeError } from '@/lib/describe-error';
import { formatCount } from '@/lib/format';
import { useClientStats } from '../api/get-client-stats';
import { useSessions } from '../api/get-sessions';
import { useSessionSelection } from '../hooks/use-session-selection';
import { useSessionsView } from '../hooks/use-sessions-view';
import { clearFilters, parseSort } from '../lib/sessions-view';
import { BulkActionBar } from './bulk-action-bar';
import { BulkEndDialog, type BulkEndTarget } from './bulk-end-dialog';
import { EndSessionDialog } from './end-session-dialog';
import { SessionFilters } from './session-filters';
import { SessionsEmptyState } from './sessions-empty-state';
import { SessionsPagination } from './sessions-pagination';
import { SessionsTable, SessionsTableSkeleton } from './sessions-table';
import { SnapshotAge } from './snapshot-age';

const sortWords = {
  lastAccess: 'last access',
  started: 'start time',
  username: 'username',
} as const;

export interface SessionsPanelProps {
  realm: string;
  /** The operator may end sessions in this realm (sessions:end). */
  canEnd: boolean;
  /** bulk:end: tick rows and end them as one job. */
  canBulkEnd?: boolean;
  /** bulk:end-all-matching: end every session matching the search as one job. */
  canBulkEndAll?: boolean;
}

/** The realm's live session list: filters, table, paging and the "End" action, all state in the URL. */
export function SessionsPanel({ realm, canEnd, canBulkEnd = false, canBulkEndAll = false }: SessionsPanelProps) {
  const { view, update, replaceView } = useSessionsView();
  const sessions = useSessions({
    realm,
    q: view.q,
    client: view.client,
    type: view.type || undefined,
    first: view.first,
    max: view.max,
    sort: view.sort,
  });
  const clientStats = useClientStats(realm);
  const [ending, setEnding] = useState<{ session: SessionRow; trigger: HTMLElement } | null>(null);
  const [bulk, setBulk] = useState<{ target: BulkEndTarget; trigger: HTMLElement } | null>(null);

  const data = sessions.data;
  const selection = useSessionSelection(canBulkEnd ? data?.items : undefined);
  const { column, direction } = parseSort(view.sort);
  const caption = `Sessions in ${realm}, sorted by ${sortWords[column]}, ${
    column === 'username' ? (direction === 'asc' ? 'A to Z' : 'Z to A') : direction === 'desc' ? 'newest first' : 'oldest first'
  }`;

  return (
    <div className="space-y-4">
      <SessionFilters view={view} onChange={update} clients={clientStats.data?.clients} />

      <Card aria-labelledby="sessions-heading">
        <div className="flex flex-col gap-1 border-b border-slate-200 px-4 py-3 sm:flex-row sm:items-center sm:justify-between">
          <h2 id="sessions-heading" className="text-sm font-semibold text-slate-900">
            {data ? formatCount(data.total, 'session') : 'Sessions'}
          </h2>
          {data ? <SnapshotAge snapshot={data.snapshot} receivedAt={sessions.dataUpdatedAt} /> : null}
        </div>

        {data && sessions.isError ? (
          <Notice tone="warning" className="m-4" title="This list could not be refreshed">
            {describeError(sessions.error).title}. Showing the last list received; it will try again by itself.
          </Notice>
        ) : null}

        {data ? (
          data.items.length > 0 ? (
            <>
              <SessionsTable
                realm={realm}
                sessions={data.items}
                sort={view.sort}
                onSort={(sort) => update({ sort })}
                canEnd={canEnd}
                onEnd={(session, trigger) => setEnding({ session, trigger })}
                busy={sessions.isPlaceholderData}
                caption={caption}
                selection={
                  canBulkEnd
                    ? {
                        isSelected: selection.isSelected,
                        onToggle: selection.toggle,
                        allSelected: selection.allSelected,
                        someSelected: selection.someSelected,
                        onToggleAll: selection.toggleAll,
                      }
                    : undefined
                }
              />
              <div className="border-t border-slate-200">
                <SessionsPagination
                  first={view.first}
                  max={view.max}
                  count={data.items.length}
                  total={data.total}
                  onFirstChange={(first) => update({ first })}
                  onMaxChange={(max) => update({ max })}
                />
              </div>
            </>
          ) : (
            <SessionsEmptyState
              realm={realm}
              view={view}
              total={data.total}
              onClearFilters={() => replaceView(clearFilters(view))}
              onFirstPage={() => update({ first: 0 })}
            />
          )
        ) : sessions.isError ? (
          <ErrorPanel
            className="m-4"
            context="The sessions could not be loaded"
            error={sessions.error}
            onRetry={() => void sessions.refetch()}
            retrying={sessions.isFetching}
          />
        ) : (
          <SessionsTableSkeleton canEnd={canEnd} sort={view.sort} selectable={canBulkEnd} />
        )}
      </Card>

      {canBulkEnd && data ? (
        <BulkActionBar
          selected={selection.count}
          matching={data.total}
          canEndAllMatching={canBulkEndAll}
          onClearSelection={selection.clear}
          onEndSelected={(trigger) => setBulk({ target: { kind: 'selected', sessions: selection.selectedRows }, trigger })}
          onEndAllMatching={(trigger) =>
            setBulk({ target: { kind: 'matching', view: { q: view.q, client: view.client, type: view.type }, total: data.total }, trigger })
          }
        />
      ) : null}

      {ending ? (
        <EndSessionDialog
          realm={realm}
          session={ending.session}
          returnFocusTo={ending.trigger}
          onClose={() => setEnding(null)}
        />
      ) : null}

      {bulk ? (
        <BulkEndDialog
          realm={realm}
          target={bulk.target}
          returnFocusTo={bulk.trigger}
          onStarted={selection.clear}
          onClose={() => setBulk(null)}
        />
      ) : null}
    </div>
  );
}
