import { Link } from 'wouter';
import { formatNumber } from '@/lib/format';
import { Card, CardHeader } from '@/components/ui/card';
import { QueryErrorPanel } from '@/components/ui/error-panel';
import { paths } from '@/config/paths';
import { useAuditPage } from '../api/get-audit';
import { writeAuditFilter, emptyAuditFilter } from '../lib/audit-filter';
import { AuditTable, AuditTableSkeleton } from './audit-table';

export const USER_HISTORY_LIMIT = 20;

export interface UserAuditHistoryProps {
  realm: string;
  userId: string;
  /** Help-desk see only their own actions on the user (the server filters). */
  scope: 'all' | 'own';
}

/** "History": what was done to this user through Session Desk: when, by whom, what, why, outcome. */
export function UserAuditHistory({ realm, userId, scope }: UserAuditHistoryProps) {
  const history = useAuditPage({ user: userId, realm }, USER_HISTORY_LIMIT);
  const trailLink = paths.audit(writeAuditFilter({ ...emptyAuditFilter, user: userId, realm }).toString());
  const items = history.data?.items ?? [];

  return (
    <Card aria-labelledby="user-history-heading">
      <CardHeader
        id="user-history-heading"
        title="History"
        description={
          scope === 'own'
            ? 'What you did to this user through Session Desk, newest first.'
            : 'What operators did to this user through Session Desk, newest first.'
        }
      />
      {history.data ? (
        items.length === 0 ? (
          <p className="px-4 py-4 text-sm text-slate-500">
            {scope === 'own' ? 'You have not acted on this user yet.' : 'No one has acted on this user through Session Desk yet.'}
          </p>
        ) : (
          <>
            <AuditTable records={items} variant="user" caption="Actions on this user through Session Desk, newest first" />
            <p className="border-t border-slate-200 px-4 py-3 text-sm text-slate-600">
              {history.data.nextCursor ? `The ${USER_HISTORY_LIMIT} most recent${history.data.total === null ? '' : ` of ${formatNumber(history.data.total)}`} entries. ` : null}
              <Link
                to={trailLink}
                className="font-medium text-accent-700 hover:text-accent-900 hover:underline focus-visible:outline-2 focus-visible:outline-accent-600"
              >
                Open in the audit trail
              </Link>
            </p>
          </>
        )
      ) : history.isError ? (
        <QueryErrorPanel className="m-4" context="The history could not be loaded" query={history} />
      ) : (
        <AuditTableSkeleton variant="user" rows={2} />
      )}
    </Card>
  );
}
