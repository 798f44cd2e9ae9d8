import type { AuditRecord } from '@session-desk/contracts';
import { roleLabels } from '@session-desk/contracts/roles';
import { Link } from 'wouter';
import { DataTable, DataTableSkeleton, type DataTableColumn } from '@/components/ui/data-table';
import { RelativeTime } from '@/components/ui/relative-time';
import { paths } from '@/config/paths';
import { cn } from '@/lib/cn';
import { formatDateTime } from '@/lib/format';
import { auditActionLabels, shortId } from '../lib/describe-audit';
import { AuditOutcome } from './audit-outcome';

const linkClass =
  'font-medium text-accent-700 hover:text-accent-900 hover:underline focus-visible:outline-2 focus-visible:outline-accent-600';
const none = <span className="text-slate-400">—</span>;

/**
 * A username as wide as 16 rem at most, wrapping inside: a table sizes its columns by their widest
 * line, so a 255-character username (Keycloak allows it) otherwise took the whole trail and squeezed
 * every other column to a few letters a line.
 */
const nameClass = 'inline-block max-w-64';

export interface AuditTableProps {
  records: AuditRecord[];
  caption: string;
  /** 'user': the target user is the page's user, so that column (and the job column) is left out. */
  variant?: 'trail' | 'user';
  /** Offered on a bulk job's id: show only that job's items. */
  onShowJob?: ((jobId: string) => void) | undefined;
  busy?: boolean;
}

function JobCell({ jobId, onShowJob }: { jobId: string | null; onShowJob: AuditTableProps['onShowJob'] }) {
  if (!jobId) return none;
  if (!onShowJob) return <span title={jobId}>{shortId(jobId)}</span>;
  return (
    <button type="button" title={`Show only the items of bulk job ${jobId}`} onClick={() => onShowJob(jobId)} className={cn(linkClass, 'rounded')}>
      {shortId(jobId)}
      <span className="sr-only">: show only this bulk job</span>
    </button>
  );
}

function columnsOf(variant: AuditTableProps['variant'], onShowJob?: AuditTableProps['onShowJob']): DataTableColumn<AuditRecord>[] {
  const all: Array<DataTableColumn<AuditRecord> & { trailOnly?: boolean }> = [
    {
      id: 'when',
      header: 'When',
      label: 'When',
      className: 'lg:min-w-24',
      cell: (record) => (
        <>
          {/* May wrap between its words: kept on one line, "58 min. ago" (wider than "3 min. ago") put the trail 2 px past its frame at 1024 px. */}
          <RelativeTime iso={record.at} wrap />
          <p
            className="text-xs text-slate-500"
            title={
              record.attemptSeq === null
                ? `Record ${record.seq} of the trail`
                : `Record ${record.seq} of the trail; record ${record.attemptSeq} is its attempt, written before Keycloak was asked`
            }
          >
            <span className="sr-only">{formatDateTime(record.at)}, record </span>#{record.seq}
            {/* The attempt is part of this entry, not a gap: the numbers the list skips are these. */}
            {record.attemptSeq === null ? null : <span> · attempt #{record.attemptSeq}</span>}
          </p>
        </>
      ),
    },
    {
      id: 'operator',
      header: 'Operator',
      label: 'Operator',
      className: 'lg:min-w-32',
      cell: (record) => (
        <>
          <span className={cn(nameClass, 'font-medium text-slate-900')} title={`Operator id ${record.operator.id}`}>
            {record.operator.username}
          </span>
          <p className="text-xs text-slate-500">{roleLabels[record.operator.role]}</p>
        </>
      ),
    },
    {
      id: 'action',
      header: 'Action',
      label: 'Action',
      cell: (record) => (
        <>
          <span className="text-slate-900">{auditActionLabels[record.action]}</span>
          <p className="font-mono text-xs text-slate-500">
            <span className="sr-only">realm </span>
            {record.realm}
          </p>
        </>
      ),
    },
    {
      id: 'target',
      header: 'Target user',
      label: 'Target user',
      trailOnly: true,
      className: 'lg:min-w-24',
      cell: (record) =>
        record.targetUser ? (
          <Link to={paths.user(record.realm, record.targetUser.id)} className={cn(nameClass, linkClass)}>
            {record.targetUser.username || record.targetUser.id}
          </Link>
        ) : (
          none
        ),
    },
    {
      id: 'session',
      header: 'Session',
      label: 'Session',
      className: 'font-mono text-xs lg:min-w-20',
      cell: (record) =>
        record.sessionId ? (
          <span title={record.sessionId}>
            {shortId(record.sessionId)}
            <span className="sr-only"> (session {record.sessionId})</span>
          </span>
        ) : (
          none
        ),
    },
    {
      id: 'reason',
      header: 'Reason',
      label: 'Reason',
      className: 'max-w-72 lg:min-w-28',
      cell: (record) => <span data-testid="audit-reason">{record.reason ?? <span className="text-slate-400">none given</span>}</span>,
    },
    { id: 'outcome', header: 'Outcome', label: 'Outcome', className: 'lg:min-w-28', cell: (record) => <AuditOutcome outcome={record.outcome} error={record.error} /> },
    {
      id: 'job',
      header: 'Bulk job',
      label: 'Bulk job',
      trailOnly: true,
      className: 'font-mono text-xs whitespace-nowrap',
      cell: (record) => <JobCell jobId={record.jobId} onShowJob={onShowJob} />,
    },
  ];
  return all.filter((column) => variant === 'trail' || !column.trailOnly);
}

/** The audit trail as a table, newest first (stable hooks for end-to-end tests). */
export function AuditTable({ records, caption, variant = 'trail', onShowJob, busy = false }: AuditTableProps) {
  return (
    <DataTable
      data-testid="audit-table"
      // Eight columns of Keycloak's values and operators' text (usernames up to 255 characters, reasons up to
      // 500, neither needing a space): any of them may break anywhere rather than widen the trail past its frame.
      // The short columns keep a least width (lg:min-w-*), so a long value wraps in its own column instead of
      // squeezing theirs to a few letters a line. At 1024 px they and the bulk job's id (which never wraps) add up
      // to about 730 of the frame's 750 px, and the time may wrap: with both on one line, "58 min. ago" and a job id
      // took 753.
      className="wrap-anywhere"
      caption={caption}
      columns={columnsOf(variant, onShowJob)}
      rows={records}
      rowKey={(record) => String(record.seq)}
      rowProps={(record) => ({
        'data-testid': 'audit-row',
        'data-seq': String(record.seq),
        'data-session-id': record.sessionId ?? undefined,
        'data-outcome': record.outcome,
        className: 'hover:bg-slate-50',
      })}
      busy={busy}
    />
  );
}

/** Same columns with grey bars while the first page loads. */
export function AuditTableSkeleton({ variant = 'trail', rows = 5 }: { variant?: AuditTableProps['variant']; rows?: number }) {
  return <DataTableSkeleton columns={columnsOf(variant)} rows={rows} label="Loading the audit trail…" />;
}
