import type { JobItem, JobItemOutcome, SessionJob } from '@session-desk/contracts';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { DataTable, type DataTableColumn } from '@/components/ui/data-table';
import { ProgressBar } from '@/components/ui/progress-bar';
import { SessionTypeBadge } from '@/components/ui/session-type-badge';
import { cn } from '@/lib/cn';
import { formatNumber } from '@/lib/format';
import { isJobItemProblem, jobOutcomeLabels } from '../lib/describe-bulk';

const outcomeTones: Record<JobItemOutcome, BadgeTone> = {
  pending: 'neutral',
  ended: 'success',
  'already-gone': 'neutral',
  failed: 'danger',
  unknown: 'warning',
  refused: 'warning',
  skipped: 'neutral',
};

const stateWords: Record<SessionJob['state'], string> = {
  running: 'Ending sessions…',
  completed: 'Finished',
  cancelled: 'Cancelled',
  interrupted: 'Interrupted',
};

/** User, session and outcome of each item; `usernames` (by "type:id") names items the job could not. */
function outcomeColumns(usernames?: ReadonlyMap<string, string>): DataTableColumn<JobItem>[] {
  return [
    {
      id: 'user',
      header: 'User',
      label: 'User',
      cell: (item) => item.username ?? usernames?.get(`${item.type}:${item.sessionId}`) ?? <span className="text-slate-500">unknown</span>,
    },
    {
      id: 'session',
      header: 'Session',
      label: 'Session',
      className: 'font-mono text-xs',
      cell: (item) => (
        <>
          <span className="break-all">{item.sessionId}</span>
          {item.type === 'offline' ? (
            <span className="ml-1 align-middle">
              <SessionTypeBadge type="offline" />
            </span>
          ) : null}
        </>
      ),
    },
    {
      id: 'outcome',
      header: 'Outcome',
      label: 'Outcome',
      cell: (item) => (
        <>
          <Badge tone={outcomeTones[item.outcome]}>{jobOutcomeLabels[item.outcome]}</Badge>
          {item.error ? (
            <p className={cn('mt-1 text-xs wrap-anywhere', isJobItemProblem(item.outcome) ? 'text-red-800' : 'text-slate-500')}>{item.error}</p>
          ) : null}
        </>
      ),
    },
  ];
}

/**
 * A bulk job's progress: a real progress bar, done / failed / left, and once it has stopped, every
 * session's outcome (username, id, outcome, why).
 */
export function BulkJobProgress({ job, usernames }: { job: SessionJob; usernames?: ReadonlyMap<string, string> }) {
  const processed = job.total - job.left;
  const running = job.state === 'running';
  return (
    <div className="space-y-4" data-testid="bulk-job" data-state={job.state}>
      <div>
        <div className="mb-1.5 flex items-baseline justify-between text-sm">
          <span className="font-medium text-slate-900" aria-live="polite">
            {stateWords[job.state]}
          </span>
          <span className="text-slate-600 tabular-nums">
            {formatNumber(processed)} of {formatNumber(job.total)}
          </span>
        </div>
        <ProgressBar
          label="Ending sessions"
          value={processed}
          max={job.total}
          valueText={`${formatNumber(processed)} of ${formatNumber(job.total)} sessions processed`}
          tone={job.failed > 0 ? 'danger' : 'accent'}
        />
      </div>
      <dl className="grid grid-cols-3 gap-2 text-center text-sm">
        {(
          [
            // Keycloak's "already gone" counts here too: nothing is left to end for those.
            ['Ended or gone', job.done, 'done', 'text-emerald-700'],
            // Failed, refused, or not known (Keycloak never answered): each is listed with its outcome once the job stops.
            ['Not ended', job.failed, 'failed', job.failed > 0 ? 'text-red-700' : 'text-slate-900'],
            ['Left', job.left, 'left', 'text-slate-900'],
          ] as const
        ).map(([label, value, key, color]) => (
          <div key={key} className="rounded-md bg-slate-50 px-2 py-2 ring-1 ring-slate-200 ring-inset">
            <dt className="text-xs text-slate-500">{label}</dt>
            <dd className={cn('text-lg font-semibold tabular-nums', color)} data-testid={`job-${key}`}>
              {formatNumber(value)}
            </dd>
          </div>
        ))}
      </dl>
      {!running && job.items.length > 0 ? <EndedSplit items={job.items} /> : null}
      {!running && job.items.length > 0 ? (
        <div className="max-h-72 overflow-auto rounded-md ring-1 ring-slate-200">
          <DataTable
            data-testid="bulk-outcomes"
            caption="Outcome of each session"
            columns={outcomeColumns(usernames)}
            rows={job.items}
            rowKey={(item) => `${item.type}:${item.sessionId}`}
            rowProps={(item) => ({ 'data-testid': 'bulk-outcome-row', 'data-session-id': item.sessionId, 'data-outcome': item.outcome })}
          />
        </div>
      ) : null}
    </div>
  );
}

/** Once a job has stopped: how many sessions it ended itself, and how many had already ended (recorded as failed in the audit trail). */
function EndedSplit({ items }: { items: SessionJob['items'] }) {
  const ended = items.filter((item) => item.outcome === 'ended').length;
  const gone = items.filter((item) => item.outcome === 'already-gone').length;
  if (gone === 0) return null;
  return (
    <p className="text-sm text-slate-700" data-testid="job-split">
      {formatNumber(ended)} ended by this job; {formatNumber(gone)} had already ended, so nothing was done for {gone === 1 ? 'it' : 'them'} (the audit trail records each as failed, with why).
    </p>
  );
}
