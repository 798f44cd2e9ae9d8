import type { SessionRow } from '@session-desk/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { ActionError } from '@/components/ui/action-error';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { Notice } from '@/components/ui/notice';
import { ConfirmRealmField } from '@/components/ui/confirm-realm-field';
import { isValidReason, ReasonField } from '@/components/ui/reason-field';
import { useToast } from '@/components/ui/toast';
import { isApiClientError } from '@/lib/api-client';
import { formatCount } from '@/lib/format';
import { useCancelSessionJob } from '../api/cancel-session-job';
import { invalidateAfterJob, isJobRunning, useSessionJob } from '../api/get-session-job';
import { useStartSessionJob, type SessionJobFilter } from '../api/start-session-job';
import { describeEndConsequence, describeMatchingFilter, describeSelection, summarizeJob } from '../lib/describe-bulk';
import { describeSession } from '../lib/describe-session';
import { sessionKey } from '../lib/session-selection';
import type { SessionsView } from '../lib/sessions-view';
import { BulkJobProgress } from './bulk-job-progress';

export type BulkEndTarget =
  /** The ticked rows. */
  | { kind: 'selected'; sessions: SessionRow[] }
  /**
   * Every session matching the list's search and filters (admins only); `total`, `revokedTotal` and the
   * realm's own count of sessions (`realmTotal`) as last listed.
   */
  | { kind: 'matching'; view: Pick<SessionsView, 'q' | 'client' | 'type' | 'country' | 'network'>; total: number; revokedTotal: number; realmTotal?: number };

export interface BulkEndDialogProps {
  realm: string;
  target: BulkEndTarget;
  /** The job was accepted (the page clears its selection). */
  onStarted?: () => void;
  onClose: () => void;
  returnFocusTo?: HTMLElement | null;
}

const PREVIEW = 5;

function jobFilter(view: BulkEndTarget & { kind: 'matching' }): SessionJobFilter {
  const filter: SessionJobFilter = {};
  const q = view.view.q.trim();
  if (q) filter.q = q;
  if (view.view.client) filter.client = view.view.client;
  if (view.view.type) filter.type = view.view.type;
  if (view.view.country) filter.country = view.view.country;
  if (view.view.network) filter.network = view.view.network;
  return filter;
}

/**
 * Ends many sessions as one server-side job: confirm (how many, which, a reason), then follow the
 * job's progress (cancellable) and show every session's outcome once it stops.
 */
export function BulkEndDialog({ realm, target, onStarted, onClose, returnFocusTo }: BulkEndDialogProps) {
  const [jobId, setJobId] = useState<string | null>(null);
  const start = useStartSessionJob();
  const [usernames] = useState(
    () => new Map(target.kind === 'selected' ? target.sessions.map((session) => [sessionKey(session), session.username]) : []),
  );
  const count = target.kind === 'selected' ? target.sessions.length : target.total;

  function confirm(reason: string, confirmRealm?: string) {
    const input =
      target.kind === 'selected'
        ? { realm, reason, sessions: target.sessions.map(({ id, type }) => ({ id, type })) }
        : { realm, reason, filter: jobFilter(target), ...(confirmRealm === undefined ? {} : { confirmRealm }) };
    start.mutate(input, {
      onSuccess: (job) => {
        setJobId(job.id);
        onStarted?.();
      },
    });
  }

  if (jobId) return <BulkJobDialog jobId={jobId} usernames={usernames} onClose={onClose} returnFocusTo={returnFocusTo} />;

  return (
    <BulkConfirmDialog
      realm={realm}
      target={target}
      count={count}
      pending={start.isPending}
      error={start.isError ? start.error : undefined}
      onConfirm={confirm}
      onClose={onClose}
      returnFocusTo={returnFocusTo}
    />
  );
}

function BulkConfirmDialog({
  realm,
  target,
  count,
  pending,
  error,
  onConfirm,
  onClose,
  returnFocusTo,
}: {
  realm: string;
  target: BulkEndTarget;
  count: number;
  pending: boolean;
  error: unknown;
  onConfirm: (reason: string, confirmRealm?: string) => void;
  onClose: () => void;
  returnFocusTo?: HTMLElement | null | undefined;
}) {
  const summaryId = useId();
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  // The job would end every session of the realm: its filter sets nothing, or what it sets matches them all
  // (a "." every address holds). The BFF asks the same, from what the filter matches when the job starts.
  const setsNothing = target.kind === 'matching' && Object.keys(jobFilter(target)).length === 0;
  const matchesAll = target.kind === 'matching' && target.realmTotal !== undefined && target.total > 0 && target.total === target.realmTotal;
  const unfiltered = setsNothing || matchesAll;
  const [typedRealm, setTypedRealm] = useState('');
  const valid = isValidReason(reason) && count > 0 && (!unfiltered || typedRealm === realm);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setTouched(true);
    if (!valid || pending) return;
    onConfirm(reason.trim(), unfiltered ? typedRealm : undefined);
  }

  return (
    <Dialog
      title={target.kind === 'selected' ? `End ${formatCount(count, 'session')}` : `End all ${formatCount(count, 'matching session')}`}
      onClose={onClose}
      describedBy={summaryId}
      dismissible={!pending}
      initialFocusRef={reasonRef}
      returnFocusTo={returnFocusTo}
    >
      <form noValidate onSubmit={handleSubmit}>
        <div className="space-y-4">
          <div id={summaryId} className="space-y-2 text-sm text-slate-700" data-testid="bulk-summary">
            {target.kind === 'selected' ? (
              <>
                <p className="text-base text-slate-900">End {describeSelection(target.sessions)}.</p>
                <ul className="list-inside list-disc text-xs text-slate-600">
                  {target.sessions.slice(0, PREVIEW).map((session) => (
                    <li key={sessionKey(session)}>{describeSession(session)}</li>
                  ))}
                  {target.sessions.length > PREVIEW ? <li>and {formatCount(target.sessions.length - PREVIEW, 'more session')}</li> : null}
                </ul>
              </>
            ) : (
              <>
                <p className="text-base text-slate-900">
                  End all {formatCount(count, 'session')} in <span className="font-mono">{realm}</span> {describeMatchingFilter(target.view)}.
                </p>
                <p className="text-xs text-slate-600">
                  The search is run again when the job starts, so sessions that started or ended since the list was loaded are
                  counted as they are then.
                </p>
              </>
            )}
            <p>
              {describeEndConsequence(count, target.kind === 'selected' ? target.sessions.filter((session) => session.revoked).length : target.revokedTotal)}{' '}
              Each session is recorded in the audit trail with your reason.
            </p>
          </div>
          {unfiltered ? (
            <>
              <Notice tone="warning" title={setsNothing ? 'No search or filter is set' : 'This search matches every session of the realm'}>
                This ends every session in {realm}, regular and offline. To sign everyone out, the realm action “Sign out everyone” is
                faster.
              </Notice>
              <ConfirmRealmField realm={realm} value={typedRealm} onChange={setTypedRealm} disabled={pending} />
            </>
          ) : null}
          <ReasonField ref={reasonRef} value={reason} onChange={setReason} touched={touched} disabled={pending} />
          {error ? <ActionError error={error} /> : null}
        </div>
        <div className="mt-6 flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <Button variant="secondary" onClick={onClose} disabled={pending}>
            Cancel
          </Button>
          <Button type="submit" variant="danger" disabled={!valid} loading={pending}>
            End {formatCount(count, 'session')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

function BulkJobDialog({
  jobId,
  usernames,
  onClose,
  returnFocusTo,
}: {
  jobId: string;
  usernames: ReadonlyMap<string, string>;
  onClose: () => void;
  returnFocusTo?: HTMLElement | null | undefined;
}) {
  const job = useSessionJob(jobId);
  const cancel = useCancelSessionJob();
  const queryClient = useQueryClient();
  const toast = useToast();
  const closeRef = useRef<HTMLButtonElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const data = job.data;
  const running = data === undefined || isJobRunning(data);
  const lost = isApiClientError(job.error) && job.error.status === 404;
  const stopped = data && !isJobRunning(data) ? data : undefined;
  const reported = useRef(false);

  useEffect(() => {
    if (!stopped || reported.current) return;
    reported.current = true;
    void invalidateAfterJob(queryClient, stopped);
    toast.show(summarizeJob(stopped));
    closeRef.current?.focus();
  }, [stopped, queryClient, toast]);

  const endedAny = stopped?.items.some((item) => item.outcome === 'ended') ?? false;
  const completedTitle = endedAny ? 'Sessions ended' : 'No session was ended';
  const cancelledTitle = stopped?.stopReason ? 'Job stopped' : 'Job cancelled';
  const title = !stopped ? 'Ending sessions' : stopped.state === 'completed' ? completedTitle : stopped.state === 'cancelled' ? cancelledTitle : 'Job interrupted';

  return (
    <Dialog
      title={title}
      onClose={onClose}
      dismissible={!running || lost}
      initialFocusRef={cancelRef}
      returnFocusTo={returnFocusTo}
      className="max-w-2xl"
    >
      <div className="space-y-4">
        {stopped?.stopReason ? (
          <Notice tone="warning" title="Session Desk stopped this job">
            {stopped.stopReason}
          </Notice>
        ) : null}
        {data ? <BulkJobProgress job={data} usernames={usernames} /> : null}
        {running && data?.left === 0 ? <p className="text-sm text-slate-600">Finishing…</p> : null}
        {lost ? (
          <Notice tone="warning" title="This job can no longer be followed">
            Session Desk no longer knows this job (it may have restarted). The audit trail shows which sessions were ended.
          </Notice>
        ) : job.isError ? (
          <ActionError error={job.error} />
        ) : null}
        {cancel.isError ? <ActionError error={cancel.error} /> : null}
      </div>
      <div className="mt-6 flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        {running && !lost ? (
          <Button
            ref={cancelRef}
            variant="secondary"
            loading={cancel.isPending || cancel.isSuccess}
            onClick={() => cancel.mutate({ jobId })}
          >
            {cancel.isSuccess ? 'Cancelling…' : 'Cancel'}
          </Button>
        ) : (
          <Button ref={closeRef} variant="primary" onClick={onClose}>
            Done
          </Button>
        )}
      </div>
    </Dialog>
  );
}
