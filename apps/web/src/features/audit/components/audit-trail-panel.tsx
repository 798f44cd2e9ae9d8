import { useMemo } from 'react';
import { ActionError } from '@/components/ui/action-error';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { QueryErrorPanel } from '@/components/ui/error-panel';
import { Notice } from '@/components/ui/notice';
import { describeError } from '@/lib/describe-error';
import { formatCount, formatNumber } from '@/lib/format';
import { useAuditTrail } from '../api/get-audit';
import { useAuditFilter } from '../hooks/use-audit-filter';
import { auditRangeProblem, emptyAuditFilter, hasActiveAuditFilter, toAuditQuery } from '../lib/audit-filter';
import { describeAuditFilter } from '../lib/describe-audit';
import { AuditExportLinks } from './audit-export-links';
import { AuditFilters } from './audit-filters';
import { AuditTable, AuditTableSkeleton } from './audit-table';
import { VerifyChain } from './verify-chain';

export interface AuditTrailPanelProps {
  /** 'all' (audit:read) or 'own' (audit:read-own: the server returns only the operator's entries). */
  scope: 'all' | 'own';
  /** Realm names for the realm filter. */
  realms: readonly string[];
  /** audit:read: offer "Verify chain". */
  canVerify: boolean;
}

/**
 * "50 of 1,234 entries, newest first; older ones follow with “Load older”", "All 12 entries" (no
 * filter), "12 matching entries" (a filter: "All" would read as the whole trail) or "One entry".
 */
function describeLoaded(loaded: number, total: number | null, more: boolean, filtered: boolean): string {
  if (!more) {
    if (loaded === 0) return 'No entries';
    if (loaded === 1) return filtered ? 'One matching entry' : 'One entry';
    return filtered ? `${formatNumber(loaded)} matching entries` : `All ${formatCount(loaded, 'entry', 'entries')}`;
  }
  if (total === null) return `The newest ${formatCount(loaded, 'entry', 'entries')}; older ones follow with “Load older”`;
  return `${formatNumber(loaded)} of ${formatCount(total, 'entry', 'entries')}, newest first; older ones follow with “Load older”`;
}

/** The audit trail: filters in the URL, newest first, "Load older" keeps what is loaded, exports. */
export function AuditTrailPanel({ scope, realms, canVerify }: AuditTrailPanelProps) {
  const { view: filter, update, replaceView } = useAuditFilter();
  const rangeProblem = auditRangeProblem(filter);
  const query = useMemo(() => toAuditQuery(filter), [filter]);
  const trail = useAuditTrail(query, { enabled: rangeProblem === undefined });
  const filtered = hasActiveAuditFilter(filter);
  const records = useMemo(() => trail.data?.pages.flatMap((page) => page.items) ?? [], [trail.data]);
  const words = describeAuditFilter(filter);
  // Counted by the BFF with the first page (the filters as they are now).
  const total = trail.data?.pages[0]?.total ?? null;
  const clear = () => replaceView(emptyAuditFilter);

  return (
    <div className="space-y-4">
      <AuditFilters
        filter={filter}
        onChange={update}
        onClear={clear}
        realms={realms}
        showOperator={scope === 'all'}
        rangeProblem={rangeProblem}
      />

      <Card aria-labelledby="audit-heading">
        <div className="flex flex-col gap-3 border-b border-slate-200 px-4 py-3 sm:flex-row sm:items-center sm:justify-between">
          <div className="min-w-0">
            <h2 id="audit-heading" className="text-sm font-semibold text-slate-900">
              {trail.data ? describeLoaded(records.length, total, trail.hasNextPage, filtered) : 'Entries'}
            </h2>
            <p className="text-xs text-slate-500">{words ? `Newest first · ${words}` : 'Newest first'}</p>
            <p className="text-xs text-slate-500">
              An action's entry holds two records: its attempt, written before Keycloak is asked, and its outcome.
            </p>
          </div>
          <AuditExportLinks query={query} filtered={filtered} />
        </div>

        {canVerify ? (
          <div className="border-b border-slate-200 px-4 py-3">
            <VerifyChain />
          </div>
        ) : null}

        {trail.data && trail.isError && !trail.isFetchNextPageError ? (
          <Notice tone="warning" className="m-4" title="The trail could not be refreshed">
            {describeError(trail.error).title}. Showing the entries loaded before.
          </Notice>
        ) : null}

        {rangeProblem ? (
          <EmptyState className="m-4" title="No dates can match" description={rangeProblem} />
        ) : trail.data ? (
          records.length > 0 ? (
            <>
              <AuditTable
                records={records}
                caption={`Audit trail, newest first${words ? `, ${words}` : ''}`}
                onShowJob={(jobId) => update({ jobId })}
                busy={trail.isPlaceholderData}
              />
              <div className="flex flex-col items-center gap-3 border-t border-slate-200 px-4 py-4">
                {trail.isFetchNextPageError ? <ActionError className="w-full" error={trail.error} /> : null}
                {trail.hasNextPage ? (
                  <Button variant="secondary" onClick={() => void trail.fetchNextPage()} loading={trail.isFetchingNextPage}>
                    Load older
                  </Button>
                ) : (
                  <p className="text-sm text-slate-500">{filtered ? 'That is every matching entry.' : 'That is the beginning of the trail.'}</p>
                )}
              </div>
            </>
          ) : filtered ? (
            <EmptyState
              className="m-4"
              title="No entries match these filters"
              description="Names match any part of a username, ids match whole. Widen the dates, or clear the filters."
              action={
                <Button variant="secondary" onClick={clear}>
                  Clear filters
                </Button>
              }
            />
          ) : (
            <EmptyState
              className="m-4"
              title={scope === 'own' ? 'You have not taken any actions yet' : 'Nothing has been recorded yet'}
              description={
                scope === 'own'
                  ? 'When you end a session or log a user out, it is recorded here with your reason.'
                  : 'Every session ended, user logged out and realm action through Session Desk is recorded here.'
              }
            />
          )
        ) : trail.isError ? (
          <QueryErrorPanel className="m-4" context="The audit trail could not be loaded" query={trail} />
        ) : (
          <AuditTableSkeleton />
        )}
      </Card>
    </div>
  );
}
