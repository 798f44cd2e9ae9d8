import type { JobItemOutcome, SessionJob } from '@session-desk/contracts';
import { Badge, type BadgeTone } from '@/components/ui/badge';
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
  refused: 'warning',
  skipped: 'neutral',
};

const stateWords: Record<SessionJob['state'], string> = {
  running: 'Ending sessions…',
  completed: 'Finished',
  cancelled: 'Cancelled',
  interrupted: 'Interrupted',
};

const th = 'px-3 py-2 text-left text-xs font-semibold tracking-wide whitespace-nowrap text-slate-600 uppercase';
const td = 'px-3 py-2 align-top text-sm text-slate-700';

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
            ['Done', job.done, 'done', 'text-emerald-700'],
            ['Failed', job.failed, 'failed', job.failed > 0 ? 'text-red-700' : 'text-slate-900'],
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
      {!running && job.items.length > 0 ? (
        <div className="max-h-72 overflow-auto rounded-md ring-1 ring-slate-200">
          <table data-testid="bulk-outcomes" className="min-w-full divide-y divide-slate-200">
            <caption className="sr-only">Outcome of each session</caption>
            <thead className="sticky top-0 bg-slate-50">
              <tr>
                <th scope="col" className={th}>
                  User
                </th>
                <th scope="col" className={th}>
                  Session
                </th>
                <th scope="col" className={th}>
                  Outcome
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 bg-white">
              {job.items.map((item) => (
                <tr key={`${item.type}:${item.sessionId}`} data-testid="bulk-outcome-row" data-session-id={item.sessionId} data-outcome={item.outcome}>
                  <td className={td}>{item.username ?? usernames?.get(`${item.type}:${item.sessionId}`) ?? <span className="text-slate-400">unknown</span>}</td>
                  <td className={cn(td, 'font-mono text-xs')}>
                    <span className="break-all">{item.sessionId}</span>
                    {item.type === 'offline' ? (
                      <span className="ml-1 align-middle">
                        <SessionTypeBadge type="offline" />
                      </span>
                    ) : null}
                  </td>
                  <td className={td}>
                    <Badge tone={outcomeTones[item.outcome]}>{jobOutcomeLabels[item.outcome]}</Badge>
                    {item.error ? (
                      <p className={cn('mt-1 text-xs break-words', isJobItemProblem(item.outcome) ? 'text-red-800' : 'text-slate-500')}>
                        {item.error}
                      </p>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
