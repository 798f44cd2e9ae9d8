import { roleLabels, type AuditRecord } from '@session-desk/contracts';
import { Link } from 'react-router';
import { RelativeTime } from '@/components/ui/relative-time';
import { Skeleton } from '@/components/ui/skeleton';
import { paths } from '@/config/paths';
import { cn } from '@/lib/cn';
import { formatDateTime } from '@/lib/format';
import { auditActionLabels, shortId } from '../lib/describe-audit';
import { AuditOutcome } from './audit-outcome';

const th = 'px-3 py-2.5 text-left text-xs font-semibold tracking-wide whitespace-nowrap text-slate-600 uppercase';
const td = 'px-3 py-3 align-top text-sm text-slate-700';
const linkClass =
  'font-medium text-accent-700 hover:text-accent-900 hover:underline focus-visible:outline-2 focus-visible:outline-accent-600';

export interface AuditTableProps {
  records: AuditRecord[];
  caption: string;
  /** 'user': the target user is the page's user, so that column (and the job column) is left out. */
  variant?: 'trail' | 'user';
  /** Offered on a bulk job's id: show only that job's items. */
  onShowJob?: ((jobId: string) => void) | undefined;
  busy?: boolean;
}

function columnsOf(variant: AuditTableProps['variant']) {
  return variant === 'user'
    ? (['When', 'Operator', 'Action', 'Session', 'Reason', 'Outcome'] as const)
    : (['When', 'Operator', 'Action', 'Target user', 'Session', 'Reason', 'Outcome', 'Bulk job'] as const);
}

function Header({ variant }: { variant: AuditTableProps['variant'] }) {
  return (
    <thead className="border-b border-slate-200 bg-slate-50">
      <tr>
        {columnsOf(variant).map((label) => (
          <th key={label} scope="col" className={th}>
            {label}
          </th>
        ))}
      </tr>
    </thead>
  );
}

/** The audit trail as a table, newest first (stable hooks for end-to-end tests). */
export function AuditTable({ records, caption, variant = 'trail', onShowJob, busy = false }: AuditTableProps) {
  return (
    <div className={cn('overflow-x-auto transition-opacity', busy && 'opacity-60')}>
      <table data-testid="audit-table" aria-busy={busy || undefined} className="min-w-full divide-y divide-slate-200">
        <caption className="sr-only">{caption}</caption>
        <Header variant={variant} />
        <tbody className="divide-y divide-slate-100 bg-white">
          {records.map((record) => (
            <tr
              key={record.seq}
              data-testid="audit-row"
              data-seq={record.seq}
              data-session-id={record.sessionId ?? undefined}
              data-outcome={record.outcome}
              className="hover:bg-slate-50"
            >
              <td className={td}>
                <RelativeTime iso={record.at} />
                <p className="text-xs text-slate-500" title={`Record ${record.seq} of the trail`}>
                  <span className="sr-only">{formatDateTime(record.at)}, record </span>#{record.seq}
                </p>
              </td>
              <td className={td}>
                <span className="font-medium text-slate-900" title={`Operator id ${record.operator.id}`}>
                  {record.operator.username}
                </span>
                <p className="text-xs text-slate-500">{roleLabels[record.operator.role]}</p>
              </td>
              <td className={td}>
                <span className="text-slate-900">{auditActionLabels[record.action]}</span>
                <p className="font-mono text-xs text-slate-500">
                  <span className="sr-only">realm </span>
                  {record.realm}
                </p>
              </td>
              {variant === 'trail' ? (
                <td className={td}>
                  {record.targetUser ? (
                    <Link to={paths.user(record.realm, record.targetUser.id)} className={linkClass}>
                      {record.targetUser.username || record.targetUser.id}
                    </Link>
                  ) : (
                    <span className="text-slate-400">—</span>
                  )}
                </td>
              ) : null}
              <td className={cn(td, 'font-mono text-xs whitespace-nowrap')}>
                {record.sessionId ? (
                  <span title={record.sessionId}>
                    {shortId(record.sessionId)}
                    <span className="sr-only"> (session {record.sessionId})</span>
                  </span>
                ) : (
                  <span className="text-slate-400">—</span>
                )}
              </td>
              <td className={cn(td, 'max-w-72 break-words')} data-testid="audit-reason">
                {record.reason ?? <span className="text-slate-400">none given</span>}
              </td>
              <td className={td}>
                <AuditOutcome outcome={record.outcome} error={record.error} />
              </td>
              {variant === 'trail' ? (
                <td className={cn(td, 'font-mono text-xs whitespace-nowrap')}>
                  {record.jobId ? (
                    onShowJob ? (
                      <button
                        type="button"
                        title={`Show only the items of bulk job ${record.jobId}`}
                        onClick={() => onShowJob(record.jobId ?? '')}
                        className={cn(linkClass, 'rounded')}
                      >
                        {shortId(record.jobId)}
                        <span className="sr-only">: show only this bulk job</span>
                      </button>
                    ) : (
                      <span title={record.jobId}>{shortId(record.jobId)}</span>
                    )
                  ) : (
                    <span className="text-slate-400">—</span>
                  )}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Same columns with grey bars while the first page loads. */
export function AuditTableSkeleton({ variant = 'trail', rows = 5 }: { variant?: AuditTableProps['variant']; rows?: number }) {
  const columns = columnsOf(variant).length;
  return (
    <div className="overflow-x-auto">
      <p className="sr-only">Loading the audit trail…</p>
      <table aria-hidden="true" className="min-w-full divide-y divide-slate-200">
        <Header variant={variant} />
        <tbody className="divide-y divide-slate-100 bg-white">
          {Array.from({ length: rows }, (_, row) => (
            <tr key={row}>
              {Array.from({ length: columns }, (_, column) => (
                <td key={column} className={td}>
                  <Skeleton className={column === 5 ? 'w-40' : 'w-16'} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
