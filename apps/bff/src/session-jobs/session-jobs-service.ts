import { randomUUID } from 'node:crypto';
import type { AuditRecord, JobItem, Role, SessionJob, SessionJobRequest, SessionRow } from '@session-desk/contracts';
import type { ActionContext } from '../actions/action-context.js';
import { SESSION_GONE, SESSION_NOT_IN_REALM, type ActionRunner } from '../actions/action-runner.js';
import { alreadyGone, AlreadyGone, OutcomeUnknown, type AuditActor, type AuditIntent, type AuditTrail } from '../audit/audit-trail.js';
import type { Operator } from '../auth/operator.js';
import { HttpError } from '../http/errors.js';
import { bulkItems } from '../observability/metrics.js';
import { ConcurrencyLimiter } from '../keycloak/concurrency-limiter.js';
import type { KeycloakSessions } from '../keycloak/sessions-api.js';
import { hasPermission } from '../policy/permissions.js';
import type { RealmSnapshots } from '../sessions/realm-snapshots.js';
import { JobCheckpoints } from './job-checkpoints.js';
import { reconcileJob } from './job-reconcile.js';
import { jobNotStarted, jobsUnreadable, type JobStore, type StoredJob } from './job-store.js';

export interface BulkJobOptions {
  /** Sessions ended toward Keycloak at once per job. */
  concurrency: number;
  /** The most sessions a help-desk operator may end in one job. */
  helpdeskLimit: number;
  /** Finished jobs of this instance kept in memory for polling; older ones are read from the store. */
  keepFinished: number;
  /** A running job without a checkpoint for this long belongs to a process that is gone. */
  staleMs: number;
  /** How often a running job's progress is written while it changes (default 250 ms). */
  checkpointMs?: number;
  /** How often a running job asks Keycloak again whether its operator may still act (default 3 s). */
  recheckMs?: number;
  /** Told when the job store fails while a job runs; the job carries on. */
  onStoreError?: (err: unknown, jobId: string, what: 'checkpoint' | 'finish' | 'recover') => void;
}

/**
 * Why a job stops before its last item: a cancel, this instance giving it up (shutdown, or declared
 * interrupted elsewhere), or its operator no longer allowed to act (Keycloak's word, asked between items).
 */
type Stop = 'cancel' | 'interrupt' | { refused: HttpError };

interface Job {
  status: SessionJob;
  stop: Stop | null;
  done: Promise<void>;
  /** Each item's session address (`type:sessionId` → IP) as the snapshot had it, recorded with the item's outcome. */
  addresses: ReadonlyMap<string, string>;
}

const itemKey = (item: { type: string; sessionId: string }) => `${item.type}:${item.sessionId}`;

const FINISHED_JOBS_KEPT_DAYS = 30;
/**
 * Items in progress per Keycloak slot. An item's outcome is committed to the audit trail after
 * Keycloak answered; with two items per slot, that commit overlaps the next item's turn at the slot.
 */
const ITEMS_PER_KEYCLOAK_SLOT = 2;

const noop = () => undefined;

const snapshotQueryAll = { first: 0, max: Number.MAX_SAFE_INTEGER, sort: 'lastAccess:desc' as const };

/**
 * Ends many sessions as one job: targets are resolved once, each item is policy-checked and audited
 * (linked to the job), at most `concurrency` calls run toward Keycloak, progress can be polled and
 * the job cancelled, from any instance sharing the job store. A job whose process died is shown as
 * 'interrupted', rebuilt from the audit trail, and never resumed, so no session is ended twice.
 */
export class BulkJobs {
  readonly #keycloak: KeycloakSessions;
  readonly #snapshots: RealmSnapshots;
  readonly #trail: AuditTrail;
  readonly #actions: ActionRunner;
  readonly #store: JobStore;
  readonly #options: BulkJobOptions;
  /** Marks the jobs this process runs; a new one per process, so a restarted BFF does not take over its old jobs. */
  readonly #instanceId = randomUUID();
  readonly #jobs = new Map<string, Job>();
  readonly #recovering = new Map<string, Promise<StoredJob | null>>();

  constructor(keycloak: KeycloakSessions, snapshots: RealmSnapshots, trail: AuditTrail, actions: ActionRunner, store: JobStore, options: BulkJobOptions) {
    this.#keycloak = keycloak;
    this.#snapshots = snapshots;
    this.#trail = trail;
    this.#actions = actions;
    this.#store = store;
    this.#options = options;
  }

  async start(
    context: ActionContext,
    realm: string,
    request: {
      reason: string;
      sessions?: SessionJobRequest['sessions'];
      filter?: SessionJobRequest['filter'];
      confirmRealm?: string | undefined;
      /** False once whoever asked is gone: checked last before the job is recorded and begun. */
      stillWanted?: () => boolean;
    },
  ): Promise<SessionJob> {
    const { operator } = context;
    const intent: AuditIntent = { realm, action: 'bulk.start', reason: request.reason, details: { request: request.filter ? 'filter' : 'sessions' } };
    await this.#actions.permit(context, intent);
    const { filter } = request;
    if (filter && !filter.q?.trim() && !filter.client && !filter.type && !filter.country && !filter.network && request.confirmRealm !== realm) {
      await this.#actions.refuse(
        context,
        intent,
        new HttpError(400, 'bad_request', `This filter sets nothing, so it matches every session of the realm: type the realm's name ("${realm}") as confirmRealm to confirm. Nothing was changed.`),
      );
    }
    await this.#actions.authorize(context, intent);
    const { items: targets, addresses, realmTotal } = await this.#resolve(realm, request);
    // A filter that sets something can still match everything ("." or one letter every username holds, the
    // one country all sessions are in): what it matches counts, not how it is written.
    if (filter && request.confirmRealm !== realm && realmTotal !== undefined && realmTotal > 0 && targets.length === realmTotal) {
      await this.#actions.refuse(
        context,
        { ...intent, details: { ...intent.details, sessions: targets.length } },
        new HttpError(
          400,
          'bad_request',
          `This filter matches every session of the realm (${targets.length} of ${realmTotal}): type the realm's name ("${realm}") as confirmRealm to confirm. Nothing was changed.`,
        ),
      );
    }
    const overLimit = this.#overRoleLimit(operator.roles, targets.length);
    if (overLimit) await this.#actions.refuse(context, { realm, action: 'bulk.start', reason: request.reason, details: { sessions: targets.length } }, overLimit);
    if (request.stillWanted && !request.stillWanted()) {
      throw new HttpError(400, 'bad_request', 'The request was given up before the job could start, so nothing was started.');
    }
    const id = randomUUID();
    const status: SessionJob = {
      id,
      realm,
      state: 'running',
      reason: request.reason,
      createdBy: { id: operator.id, username: operator.username },
      createdAt: new Date().toISOString(),
      finishedAt: null,
      total: targets.length,
      done: 0,
      failed: 0,
      left: targets.length,
      stopReason: null,
      items: targets,
    };
    // Stored before the first session is ended: after a crash every ended session is accounted for.
    // Recorded as it starts (`bulk.start`: who, where, why, how many, and the filter), so the trail
    // says who started each job, beside the record of each of its items.
    const started: AuditIntent = {
      realm,
      action: 'bulk.start',
      jobId: id,
      reason: request.reason,
      details: { request: filter ? 'filter' : 'sessions', sessions: targets.length, ...(filter ? { filter: Object.fromEntries(Object.entries(filter).filter(([, value]) => value !== undefined)) } : {}) },
    };
    await this.#trail.run(context.actor, started, () =>
      this.#store.create(status, this.#instanceId).catch((err: unknown) => {
        throw jobNotStarted(err);
      }),
    );
    const job: Job = { status, stop: null, done: Promise.resolve(), addresses };
    job.done = this.#run(job, context);
    this.#jobs.set(id, job);
    this.#forgetOldJobs();
    return view(status);
  }

  async get(operator: Operator, jobId: string): Promise<SessionJob> {
    const local = this.#local(operator, jobId);
    if (local) return view(local.status);
    return view((await this.#stored(operator, jobId)).job);
  }

  /**
   * Stops a running job: the items not begun are skipped. A job run here stops at once; one run by
   * another instance stops at that instance's next checkpoint. Asks nothing of Keycloak (stopping must
   * work while it is down). A cancel that stops a running job is recorded in the audit trail
   * (`bulk.cancel`: who, which job, how many items were left); one of a job already stopped changes
   * nothing and is not. 404 for a job the operator may not see.
   */
  async cancel(operator: Operator, actor: AuditActor, jobId: string): Promise<SessionJob> {
    const local = this.#local(operator, jobId);
    const job = local?.status ?? (await this.#stored(operator, jobId)).job;
    if (job.state !== 'running') return view(job);
    const intent: AuditIntent = { realm: job.realm, action: 'bulk.cancel', jobId, details: { createdBy: job.createdBy.username, total: job.total, left: job.left } };
    await this.#trail.run(actor, intent, async () => {
      if (local) local.stop ??= 'cancel';
      else
        await this.#store.requestCancel(jobId).catch((err: unknown) => {
          throw jobsUnreadable(err);
        });
    });
    return view(job);
  }

  /**
   * Records a cancel the policy refused (`bulk.cancel`, refused, `why` as its error) against the job's
   * realm, when the job exists; an unknown job id records nothing. Asks nothing of Keycloak. Rejects
   * with 503 when the job store cannot be read or the refusal cannot be recorded.
   */
  async recordRefusedCancel(actor: AuditActor, jobId: string, why: string): Promise<void> {
    const job =
      this.#jobs.get(jobId)?.status ??
      (
        await this.#store.get(jobId).catch((err: unknown) => {
          throw jobsUnreadable(err);
        })
      )?.job;
    if (!job) return;
    await this.#trail.refuse(actor, { realm: job.realm, action: 'bulk.cancel', jobId, details: { createdBy: job.createdBy.username, total: job.total, left: job.left } }, why);
  }

  /** Resolves when the job has stopped and its final state is stored (tests and shutdown). */
  async settled(jobId: string): Promise<void> {
    await this.#jobs.get(jobId)?.done;
  }

  /** Marks the stored jobs of dead processes as interrupted and drops long-finished ones (at start). */
  async recoverStale(): Promise<number> {
    await this.#store.prune(new Date(Date.now() - FINISHED_JOBS_KEPT_DAYS * 86_400_000));
    let recovered = 0;
    for (const id of await this.#store.staleIds()) {
      try {
        if ((await this.#recover(id))?.job.state === 'interrupted') recovered += 1;
      } catch (err) {
        // Left as it is: the next read of the job tries again.
        this.#options.onStoreError?.(err, id, 'recover');
      }
    }
    return recovered;
  }

  /**
   * Stops this instance's running jobs (shutdown): no new item starts, the ones in flight finish,
   * and each job is stored as 'interrupted' with its exact outcomes.
   */
  async close(): Promise<void> {
    const running = [...this.#jobs.values()].filter((job) => job.status.state === 'running');
    for (const job of running) job.stop = 'interrupt';
    await Promise.all(running.map((job) => job.done));
  }

  #local(operator: Operator, jobId: string): Job | undefined {
    const job = this.#jobs.get(jobId);
    if (job) assertVisible(operator, job.status);
    return job;
  }

  async #stored(operator: Operator, jobId: string): Promise<StoredJob> {
    let stored = await this.#store.get(jobId).catch((err: unknown) => {
      throw jobsUnreadable(err);
    });
    if (!stored) throw noSuchJob();
    assertVisible(operator, stored.job);
    if (stored.stale) {
      stored =
        (await this.#recover(jobId).catch((err: unknown) => {
          throw err instanceof HttpError ? err : jobsUnreadable(err);
        })) ?? stored;
    }
    return stored;
  }

  /** One recovery per job at a time in this instance; the store's conditional update settles races between instances. */
  #recover(jobId: string): Promise<StoredJob | null> {
    let recovery = this.#recovering.get(jobId);
    if (!recovery) {
      recovery = this.#reconcile(jobId).finally(() => this.#recovering.delete(jobId));
      this.#recovering.set(jobId, recovery);
    }
    return recovery;
  }

  async #reconcile(jobId: string): Promise<StoredJob | null> {
    const stored = await this.#store.get(jobId);
    if (!stored?.stale) return stored;
    const records: AuditRecord[] = [];
    for await (const record of this.#trail.store.stream({ jobId, action: 'bulk.item' })) records.push(record);
    const reconciled = reconcileJob(stored.job, records, stored.updatedAt);
    await this.#store.interrupt(reconciled);
    const after = await this.#store.get(jobId);
    if (after?.job.state === 'interrupted') this.#forgetEnded(after.job);
    return after;
  }

  async #resolve(
    realm: string,
    request: { sessions?: SessionJobRequest['sessions']; filter?: SessionJobRequest['filter'] },
  ): Promise<{ items: JobItem[]; addresses: Map<string, string>; realmTotal?: number }> {
    const addresses = new Map<string, string>();
    const item = (row: SessionRow): JobItem => {
      addresses.set(itemKey({ type: row.type, sessionId: row.id }), row.ipAddress);
      return itemOf(row);
    };
    const itemOf = (row: SessionRow): JobItem => ({
      sessionId: row.id,
      type: row.type,
      userId: row.userId,
      username: row.username,
      outcome: 'pending',
      error: null,
    });
    if (request.filter) {
      await this.#snapshots.refresh(realm);
      const { items, realmTotal } = await this.#snapshots.list(realm, { ...snapshotQueryAll, ...request.filter });
      return { items: items.map(item), addresses, realmTotal };
    }
    const wanted = request.sessions ?? [];
    const unique = [...new Map(wanted.map((s) => [`${s.type}:${s.id}`, s])).values()];
    const rows = await this.#snapshots.findAll(realm, unique);
    const items = unique.map(({ id, type }, i): JobItem => {
      const row = rows[i];
      return row ? item(row) : { sessionId: id, type, userId: null, username: null, outcome: 'pending', error: null };
    });
    return { items, addresses };
  }

  async #run(job: Job, context: ActionContext): Promise<void> {
    const { status } = job;
    const checkpoints = new JobCheckpoints(this.#store, status, this.#instanceId, {
      intervalMs: this.#options.checkpointMs ?? 250,
      // Well inside the stale limit, so a live job is never taken for a dead one.
      heartbeatMs: Math.min(2_000, this.#options.staleMs / 3),
      finishRetryDelaysMs: [250, 1_000, 2_000, 4_000],
      onCancelRequested: () => {
        job.stop ??= 'cancel';
      },
      onLost: () => {
        job.stop = 'interrupt';
      },
      onError: (err, what) => this.#options.onStoreError?.(err, status.id, what),
    });
    checkpoints.start();
    const stillAllowed = this.#powerCheck(context, status.realm, status.items.length);
    let next = 0;
    // At most `concurrency` of the job's calls (guard reads, deletes) are in flight toward Keycloak at once.
    const toKeycloak = new ConcurrencyLimiter(this.#options.concurrency, status.items.length);
    const worker = async () => {
      while (next < status.items.length && !job.stop) {
        const item = status.items[next];
        next += 1;
        if (item?.outcome === 'pending') await this.#endOne(job, item, context, { toKeycloak, stillAllowed });
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.#options.concurrency * ITEMS_PER_KEYCLOAK_SLOT, status.items.length) }, worker));
    const stop = job.stop;
    if (stop !== null && typeof stop === 'object') await this.#refuseRest(status, job, context, stop.refused);
    for (const item of status.items) if (item.outcome === 'pending') item.outcome = 'skipped';
    status.state = stop === 'interrupt' ? 'interrupted' : stop === null ? 'completed' : 'cancelled';
    // A stop no operator asked for says so: the job was not "cancelled" by anyone.
    if (stop !== null && typeof stop === 'object') status.stopReason = jobStopReason(stop.refused.message);
    status.finishedAt = new Date().toISOString();
    this.#forgetEnded(status);
    await checkpoints.finish();
  }

  #forgetEnded(status: SessionJob): void {
    // By type, then id: a key string made per row of the realm was most of what a job's end allocated.
    const ended = { regular: new Set<string>(), offline: new Set<string>() };
    for (const item of status.items) if (item.outcome === 'ended') ended[item.type].add(item.sessionId);
    // A row of another type (a snapshot shared by a newer instance) is kept.
    const endedOf = (row: SessionRow) => (row.type === 'regular' ? ended.regular : row.type === 'offline' ? ended.offline : undefined);
    if (ended.regular.size + ended.offline.size > 0) this.#snapshots.forget(status.realm, (row) => endedOf(row)?.has(row.id) ?? false);
  }

  /**
   * Why a job of `sessions` sessions is beyond what `roles` may end in one job (help-desk:
   * HELPDESK_BULK_LIMIT; only `bulk:end-all-matching` lifts it), or undefined when it is not.
   */
  #overRoleLimit(roles: readonly Role[], sessions: number): string | undefined {
    if (hasPermission(roles, 'bulk:end-all-matching') || sessions <= this.#options.helpdeskLimit) return undefined;
    return `Your role may end at most ${this.#options.helpdeskLimit} sessions in one job; this job has ${sessions}.`;
  }

  /**
   * Keycloak asked again whether the job's operator may still act, at most every `recheckMs` (the
   * start's check counts as the first); workers asking meanwhile share one answer. Resolves to the
   * refusal, or undefined. The role Keycloak grants now must still allow the whole job: an
   * administrator made help-desk mid-job stops at help-desk's limit.
   */
  #powerCheck(context: ActionContext, realm: string, sessions: number): () => Promise<HttpError | undefined> {
    const intervalMs = this.#options.recheckMs ?? 3_000;
    let checkedAt = Date.now();
    let pending: Promise<HttpError | undefined> | undefined;
    return () => {
      if (pending) return pending;
      if (Date.now() - checkedAt < intervalMs) return Promise.resolve(undefined);
      pending = this.#actions
        .stillAllowed(context, realm)
        .then((refusal) => {
          if (refusal) return refusal;
          const overLimit = this.#overRoleLimit(context.operator.roles, sessions);
          return overLimit ? new HttpError(403, 'forbidden', `${overLimit} The sessions not yet reached were not ended.`) : undefined;
        })
        .finally(() => {
          checkedAt = Date.now();
          pending = undefined;
        });
      return pending;
    };
  }

  /** Every item not begun when the operator lost the power to act: refused, each recorded in the audit trail. */
  async #refuseRest(status: SessionJob, job: Job, context: ActionContext, refusal: HttpError): Promise<void> {
    for (const item of status.items) {
      if (item.outcome !== 'pending') continue;
      settle(status, item, 'refused', refusal.message);
      await this.#trail.refuse(context.actor, itemIntent(status, item, job.addresses.get(itemKey(item))), refusal.message).catch((err: unknown) => {
        this.#options.onStoreError?.(err, status.id, 'finish');
      });
    }
  }

  /**
   * One item. With a Keycloak slot in hand: the job is checked (stopped, or its operator's power
   * gone: the item is left pending, for the job's end to skip or refuse), the target is guarded, and
   * the audited delete runs; the slot is handed on once Keycloak has answered, while the outcome is
   * still being recorded. So each check and guard still comes after the deletes before it, as with
   * one item per slot, and only the outcome's commit overlaps the next item.
   */
  async #endOne(
    job: Job,
    item: JobItem,
    context: ActionContext,
    { toKeycloak, stillAllowed }: { toKeycloak: ConcurrencyLimiter; stillAllowed: () => Promise<HttpError | undefined> },
  ): Promise<void> {
    const { status } = job;
    const settleItem = (outcome: JobItem['outcome'], error: string | null = null) => settle(status, item, outcome, error);
    const intent = itemIntent(status, item, job.addresses.get(itemKey(item)));
    let audited: Promise<true | AlreadyGone> | undefined;
    try {
      const check = await toKeycloak.run(async () => {
        if (job.stop) return { begin: false } as const;
        const refusal = await stillAllowed();
        if (refusal) {
          job.stop ??= { refused: refusal };
          return { begin: false } as const;
        }
        if (!item.userId) return { begin: true, guard: null } as const;
        // Read for each item just before Keycloak is asked: a target made an administrator mid-job is protected from then on.
        const guard = await this.#actions.guard(context, intent, item.userId);
        if (!guard.allowed) return { begin: true, guard } as const;
        let answered = () => undefined as void;
        const keycloakAnswered = new Promise<void>((resolve) => (answered = resolve));
        audited = this.#actions.run(context, intent, async () => {
          try {
            return (await this.#keycloak.deleteSession(status.realm, item.sessionId, item.type === 'offline')) ? true : alreadyGone(SESSION_GONE);
          } finally {
            answered();
          }
        });
        // Also settles when the attempt could not be recorded and Keycloak was never asked.
        await Promise.race([keycloakAnswered, audited.then(noop, noop)]);
        return { begin: true, guard } as const;
      });
      if (!check.begin) return;
      if (!check.guard) {
        // Nothing to ask Keycloak (no user to guard), but the outcome is recorded like any other item's.
        await this.#actions.run(context, intent, async () => alreadyGone(SESSION_NOT_IN_REALM));
        return settleItem('already-gone', SESSION_NOT_IN_REALM);
      }
      if (!check.guard.allowed) return settleItem('refused', check.guard.refusal.message);
      if (!audited) throw new Error('the audited delete was not begun');
      const ended = await audited;
      return ended instanceof AlreadyGone ? settleItem('already-gone', SESSION_GONE) : settleItem('ended');
    } catch (err) {
      if (item.outcome !== 'pending') return;
      if (err instanceof OutcomeUnknown) settleItem('unknown', err.message);
      else settleItem('failed', err instanceof Error ? err.message : String(err));
    }
  }

  #forgetOldJobs(): void {
    const finished = [...this.#jobs.values()].filter((job) => job.status.state !== 'running');
    for (const job of finished.slice(0, Math.max(0, finished.length - this.#options.keepFinished))) this.#jobs.delete(job.status.id);
  }
}

/**
 * Why a job stopped, for the whole job: the refusal's words were written for one request ("so nothing
 * was changed"), while the job had ended what it reached before the stop.
 */
export function jobStopReason(refusal: string): string {
  const why = refusal.replace(/, so nothing was changed/, '').replace(/\s*The sessions not yet reached were not ended\.?/, '').trim();
  return `${why} The sessions the job had not reached were not ended; each one it reached is listed with its outcome.`;
}

/** The audit intent of one item of a job. */
function itemIntent(status: SessionJob, item: JobItem, ipAddress: string | undefined): AuditIntent {
  return {
    realm: status.realm,
    action: 'bulk.item',
    targetUser: item.userId ? { id: item.userId, username: item.username ?? '' } : null,
    sessionId: item.sessionId,
    reason: status.reason,
    jobId: status.id,
    // The session's address (when the snapshot had the session), so the user page can say where ended sessions came from.
    details: ipAddress === undefined ? { type: item.type } : { type: item.type, ipAddress },
  };
}

function settle(status: SessionJob, item: JobItem, outcome: JobItem['outcome'], error: string | null): void {
  item.outcome = outcome;
  item.error = error;
  status.left -= 1;
  bulkItems.inc({ outcome });
  if (outcome === 'ended' || outcome === 'already-gone') status.done += 1;
  else status.failed += 1;
}

function view(status: SessionJob): SessionJob {
  // While running, the item list is summarised; the full list comes once the job stops.
  return { ...status, items: status.state === 'running' ? [] : status.items.map((item) => ({ ...item })) };
}

const noSuchJob = () => new HttpError(404, 'not_found', 'There is no such job (or it was started by someone else).');

function assertVisible(operator: Operator, job: SessionJob): void {
  if (job.createdBy.id !== operator.id && !operator.roles.includes('admin')) throw noSuchJob();
}
