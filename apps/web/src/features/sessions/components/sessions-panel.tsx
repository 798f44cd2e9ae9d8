import type { SessionRow } from '@session-desk/contracts';
import { lazy, Suspense, useRef, useState, type ReactNode } from 'react';
import { Card } from '@/components/ui/card';
import { QueryErrorPanel } from '@/components/ui/error-panel';
import { Notice } from '@/components/ui/notice';
import { useFocusAfterEnd } from '@/components/sessions/focus-after-end';
import { rowLockReason, SessionsTable, SessionsTableSkeleton, type SessionColumnId } from '@/components/sessions/sessions-table';
import { describeError, isSnapshotBuilding } from '@/lib/describe-error';
import { formatCount, formatDateTime, formatNumber } from '@/lib/format';
import { useClientStats } from '../api/get-client-stats';
import { useSessions } from '../api/get-sessions';
import { useSessionSelection } from '../hooks/use-session-selection';
import { useSessionsView } from '../hooks/use-sessions-view';
import { clearFilters, nextSort, parseSort, sessionsParams } from '../lib/sessions-view';
import { BulkActionBar } from './bulk-action-bar';
import { ClientChartPanel } from './client-chart-panel';
import { endSessionAction } from './end-session-action';
import { bulkLimitWords, tickLockedReason } from '../lib/bulk-limit';
import type { BulkEndTarget } from './bulk-end-dialog';
import { SessionFilters } from './session-filters';
import { SessionsEmptyState } from './sessions-empty-state';
import { SessionsPagination } from './sessions-pagination';
import { SnapshotAge } from './snapshot-age';

// Opened only on an operator's action: their code (and the job polling behind a bulk end) is loaded then, not with the page.
const BulkEndDialog = lazy(() => import('./bulk-end-dialog').then((module) => ({ default: module.BulkEndDialog })));
const EndSessionDialog = lazy(() => import('./end-session-dialog').then((module) => ({ default: module.EndSessionDialog })));

const sortWords = {
  lastAccess: 'last access',
  started: 'start time',
  username: 'username',
} as const;

export const RESULTS_ID = 'session-results';

export interface SessionsPanelProps {
  realm: string;
  /** The operator may end sessions in this realm (sessions:end). */
  canEnd: boolean;
  /** bulk:end: tick rows and end them as one job. */
  canBulkEnd?: boolean;
  /** bulk:end-all-matching: end every session matching the search as one job. */
  canBulkEndAll?: boolean;
  /** The most sessions one bulk job may end (`/api/me` limits); null or absent: no limit. */
  bulkMaxSessions?: number | null | undefined;
  /** The operator's Keycloak user id and current session (`/api/me`): marked "You" / "This session". */
  operatorUserId?: string | undefined;
  currentSessionId?: string | null | undefined;
  /** Offered on the operator's current session instead of ending it ("Sign out"). */
  currentSessionAction?: ReactNode;
  /** Why the operator may not act on a row's user (e.g. help desk and a console administrator); the server still decides. */
  lockedReason?: ((session: SessionRow) => string | undefined) | undefined;
}

/** The realm's live session list: filters, table, paging and the "End" action, all state in the URL. */
export function SessionsPanel({
  realm,
  canEnd,
  canBulkEnd = false,
  canBulkEndAll = false,
  bulkMaxSessions,
  operatorUserId,
  currentSessionId,
  currentSessionAction,
  lockedReason,
}: SessionsPanelProps) {
  const { view, update, replaceView } = useSessionsView();
  const sessions = useSessions(sessionsParams(realm, view));
  const clientStats = useClientStats(realm);
  const [ending, setEnding] = useState<{ session: SessionRow; trigger: HTMLElement } | null>(null);
  const [bulk, setBulk] = useState<{ target: BulkEndTarget; trigger: HTMLElement } | null>(null);
  // The search in which the operator ended sessions: if it empties, it is because of that.
  const [endedIn, setEndedIn] = useState<string | null>(null);
  // What is typed but not searched yet: the rows on screen answer an older search.
  const [draft, setDraft] = useState<{ q: string; against: string } | null>(null);
  const typing = draft !== null && draft.against === view.q && draft.q.trim() !== view.q.trim();
  const resultsRef = useRef<HTMLElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const { markEnded } = useFocusAfterEnd(resultsRef, headingRef, ending !== null);

  const data = sessions.data;
  const pending = typing || sessions.isPlaceholderData;
  const selection = useSessionSelection(canBulkEnd ? data?.items : undefined, (row) => rowLockReason(row, currentSessionId, lockedReason));
  const { column, direction } = parseSort(view.sort);
  const caption = `Sessions in ${realm}, sorted by ${sortWords[column]}, ${
    column === 'username' ? (direction === 'asc' ? 'A to Z' : 'Z to A') : direction === 'desc' ? 'newest first' : 'oldest first'
  }`;
  const limit = bulkMaxSessions ?? null;
  const limitWords = bulkLimitWords(limit);
  const unselectedOnPage = (data?.items ?? []).filter((row) => !selection.isSelected(row) && rowLockReason(row, currentSessionId, lockedReason) === undefined).length;
  const hiddenColumns: SessionColumnId[] = canEnd ? [] : ['actions'];

  return (
    <div className="space-y-4">
      <SessionFilters
        view={view}
        onChange={update}
        clients={clientStats.data?.clients}
        onDraftChange={(q) => setDraft({ q, against: view.q })}
        resultsId={RESULTS_ID}
      />

      <ClientChartPanel clients={clientStats.data?.clients} selected={view.client} onSelect={(client) => update({ client })} />

      <Card id={RESULTS_ID} ref={resultsRef} tabIndex={-1} aria-labelledby="sessions-heading" className="focus:outline-2 focus:outline-accent-600">
        <div className="flex flex-col gap-1 border-b border-slate-200 px-4 py-3 sm:flex-row sm:items-center sm:justify-between">
          <h2 id="sessions-heading" ref={headingRef} tabIndex={-1} className="text-sm font-semibold text-slate-900 focus:outline-none">
            {data ? formatCount(data.total, 'session') : 'Sessions'}
            {data && data.revokedTotal > 0 ? (
              <span className="font-normal text-slate-600" data-testid="sessions-revoked-count">
                {' '}
                · {formatNumber(data.revokedTotal)} revoked (listed by Keycloak, tokens refused)
              </span>
            ) : null}
          </h2>
          {pending && data ? (
            <p className="text-xs text-slate-500" role="status" data-testid="results-pending">
              Searching…
            </p>
          ) : data ? (
            <SnapshotAge snapshot={data.snapshot} receivedAt={sessions.dataUpdatedAt} />
          ) : null}
        </div>

        {data && sessions.isError ? (
          <Notice tone="warning" className="m-4" title="This list could not be refreshed">
            {describeError(sessions.error).title}. Showing the last list received; it will try again by itself.
          </Notice>
        ) : data?.snapshot.refreshFailed ? (
          <Notice tone="warning" className="m-4" title="This list is not up to date" data-testid="snapshot-refresh-failed">
            Keycloak could not be read to refresh it (last tried {formatDateTime(data.snapshot.refreshFailed.at)}: {data.snapshot.refreshFailed.message}). Showing
            the realm as it was at {formatDateTime(data.snapshot.builtAt)}; it tries again by itself.
          </Notice>
        ) : null}

        {data ? (
          data.items.length > 0 ? (
            <>
              <SessionsTable
                testId="sessions-table"
                rowTestId="session-row"
                realm={realm}
                sessions={data.items}
                caption={caption}
                hiddenColumns={hiddenColumns}
                busy={pending}
                operatorUserId={operatorUserId}
                currentSessionId={currentSessionId}
                currentSessionAction={canEnd ? currentSessionAction : undefined}
                lockedReason={lockedReason}
                sort={{ column, direction, onSortBy: (by) => update({ sort: nextSort(view.sort, by) }) }}
                renderActions={canEnd ? endSessionAction((session, trigger) => setEnding({ session, trigger })) : undefined}
                selection={
                  canBulkEnd
                    ? {
                        isSelected: selection.isSelected,
                        onToggle: selection.toggle,
                        allSelected: selection.allSelected,
                        someSelected: selection.someSelected,
                        onToggleAll: selection.toggleAll,
                        toggleAllReason:
                          limit !== null && !selection.allSelected && selection.count + unselectedOnPage > limit
                            ? `${limitWords} This page lists ${formatNumber(data.items.length)}; tick them one by one, or show fewer rows per page.`
                            : undefined,
                        lockedReason: (session) => tickLockedReason(limit, selection.count, selection.isSelected(session)),
                      }
                    : undefined
                }
              />
              <div className="border-t border-slate-200">
                <SessionsPagination page={view} onPageChange={update} count={data.items.length} total={data.total} />
              </div>
            </>
          ) : (
            <SessionsEmptyState
              realm={realm}
              view={view}
              total={data.total}
              onClearFilters={() => replaceView(clearFilters(view))}
              onFirstPage={() => update({ first: 0 })}
              endedHere={endedIn !== null && endedIn === view.q}
            />
          )
        ) : sessions.isError ? (
          <QueryErrorPanel className="m-4" context="The sessions could not be loaded" query={sessions} />
        ) : (
          <>
            {isSnapshotBuilding(sessions.failureReason) ? (
              <p role="status" data-testid="snapshot-building" className="px-4 pt-3 text-sm text-slate-600">
                Reading this realm’s sessions from Keycloak for the first time. A large realm takes a few minutes; the list appears by itself.
              </p>
            ) : null}
            <SessionsTableSkeleton hiddenColumns={[...hiddenColumns, ...(canBulkEnd ? [] : (['select'] as const))]} />
          </>
        )}
      </Card>

      {canBulkEnd && data && (data.total > 0 || selection.count > 0) ? (
        <BulkActionBar
          selected={selection.count}
          matching={data.total}
          canEndAllMatching={canBulkEndAll}
          limit={limit}
          onClearSelection={selection.clear}
          onEndSelected={(trigger) => setBulk({ target: { kind: 'selected', sessions: selection.selectedRows }, trigger })}
          onEndAllMatching={(trigger) =>
            setBulk({
              target: {
                kind: 'matching',
                view: { q: view.q, client: view.client, type: view.type, country: view.country, network: view.network },
                total: data.total,
                revokedTotal: data.revokedTotal,
                ...(data.realmTotal === undefined ? {} : { realmTotal: data.realmTotal }),
              },
              trigger,
            })
          }
        />
      ) : null}

      <Suspense fallback={null}>
      {ending ? (
        <EndSessionDialog
          realm={realm}
          session={ending.session}
          returnFocusTo={ending.trigger}
          onEnded={() => {
            markEnded(ending.session.id);
            setEndedIn(view.q);
          }}
          onClose={() => setEnding(null)}
        />
      ) : null}

      {bulk ? (
        <BulkEndDialog
          realm={realm}
          target={bulk.target}
          returnFocusTo={bulk.trigger}
          onStarted={() => {
            selection.clear();
            setEndedIn(view.q);
          }}
          onClose={() => setBulk(null)}
        />
      ) : null}
      </Suspense>
    </div>
  );
}
