import { randomUUID } from 'node:crypto';
import type { JobItem, SessionJob, SessionJobRequest, SessionRow } from '@session-desk/contracts';
import type { AuditTrail } from '../audit/audit-trail.js';
import type { Operator } from '../auth/operator.js';
import { HttpError } from '../http/errors.js';
import { bulkItems } from '../observability/metrics.js';
import type { KeycloakSessions } from '../keycloak/sessions-api.js';
import { authorize } from '../policy/authorize.js';
import { decide } from '../policy/decide.js';
import { hasPermission } from '../policy/permissions.js';
import type { RealmSnapshots } from './realm-snapshots.js';
import type { ActionContext } from './session-desk.js';

export interface BulkJobOptions {
  managedRealms: readonly string[];
  /** Sessions ended toward Keycloak at once per job. */
  concurrency: number;
  /** The most sessions a help-desk operator may end in one job. */
  helpdeskLimit: number;
  /** Finished jobs kept for polling. */
  keepFinished: number;
}

interface Job {
  status: SessionJob;
  cancelled: boolean;
  done: Promise<void>;
}

const snapshotQueryAll = { first: 0, max: Number.MAX_SAFE_INTEGER, sort: 'lastAccess:desc' as const };

/**
 * Ends many sessions as one job: targets are resolved once, each item is policy-checked and audited
 * (linked to the job), at most `concurrency` calls run toward Keycloak, progress can be polled and
 * the job cancelled.
 */
export class BulkJobs {
  readonly #keycloak: KeycloakSessions;
  readonly #snapshots: RealmSnapshots;
  readonly #trail: AuditTrail;
  readonly #options: BulkJobOptions;
  readonly #jobs = new Map<string, Job>();

  constructor(keycloak: KeycloakSessions, snapshots: RealmSnapshots, trail: AuditTrail, options: BulkJobOptions) {
    this.#keycloak = keycloak;
    this.#snapshots = snapshots;
    this.#trail = trail;
    this.#options = options;
  }

  async start(context: ActionContext, realm: string, request: { reason: string; sessions?: SessionJobRequest['sessions']; filter?: SessionJobRequest['filter'] }): Promise<SessionJob> {
    const { operator } = context;
    const permission = request.filter ? 'bulk:end-all-matching' : 'bulk:end';
    const decision = decide({ operator, permission, realm, managedRealms: this.#options.managedRealms });
    if (!decision.allowed) {
      if (decision.status === 403) {
        await this.#trail.refuse(context.actor, { realm, action: 'bulk.item', reason: request.reason, details: { request: request.filter ? 'filter' : 'sessions' } }, decision.reason);
      }
      throw new HttpError(decision.status, decision.code, decision.reason);
    }
    const targets = await this.#resolve(realm, request);
    if (!hasPermission(operator.roles, 'bulk:end-all-matching') && targets.length > this.#options.helpdeskLimit) {
      const why = `Your role may end at most ${this.#options.helpdeskLimit} sessions in one job; this job has ${targets.length}.`;
      await this.#trail.refuse(context.actor, { realm, action: 'bulk.item', reason: request.reason, details: { sessions: targets.length } }, why);
      throw new HttpError(403, 'forbidden', why);
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
      items: targets,
    };
    const job: Job = { status, cancelled: false, done: Promise.resolve() };
    job.done = this.#run(job, context);
    this.#jobs.set(id, job);
    this.#forgetOldJobs();
    return this.#view(job);
  }

  get(operator: Operator, jobId: string): SessionJob {
    return this.#view(this.#visible(operator, jobId));
  }

  cancel(operator: Operator, jobId: string): SessionJob {
    const job = this.#visible(operator, jobId);
    if (job.status.state === 'running') job.cancelled = true;
    return this.#view(job);
  }

  /** Resolves when the job has stopped (tests and shutdown). */
  async settled(jobId: string): Promise<void> {
    await this.#jobs.get(jobId)?.done;
  }

  #visible(operator: Operator, jobId: string): Job {
    const job = this.#jobs.get(jobId);
    authorize(operator, 'bulk:end', this.#options.managedRealms);
    if (!job || (job.status.createdBy.id !== operator.id && !operator.roles.includes('admin'))) {
      throw new HttpError(404, 'not_found', 'There is no such job (or it was started by someone else).');
    }
    return job;
  }

  async #resolve(realm: string, request: { sessions?: SessionJobRequest['sessions']; filter?: SessionJobRequest['filter'] }): Promise<JobItem[]> {
    const item = (row: SessionRow): JobItem => ({
      sessionId: row.id,
      type: row.type,
      userId: row.userId,
      username: row.username,
      outcome: 'pending',
      error: null,
    });
    if (request.filter) {
      await this.#snapshots.refresh(realm);
      const { items } = await this.#snapshots.list(realm, { ...snapshotQueryAll, ...request.filter });
      return items.map(item);
    }
    const wanted = request.sessions ?? [];
    const unique = [...new Map(wanted.map((s) => [`${s.type}:${s.id}`, s])).values()];
    const found: JobItem[] = [];
    for (const { id, type } of unique) {
      const row = await this.#snapshots.find(realm, id, type);
      found.push(row ? item(row) : { sessionId: id, type, userId: null, username: null, outcome: 'pending', error: null });
    }
    return found;
  }

  async #run(job: Job, context: ActionContext): Promise<void> {
    const { status } = job;
    const admins = new Map<string, Promise<boolean>>();
    let next = 0;
    const worker = async () => {
      while (next < status.items.length && !job.cancelled) {
        const item = status.items[next];
        next += 1;
        if (item) await this.#endOne(status, item, context, admins);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.#options.concurrency, status.items.length) }, worker));
    for (const item of status.items) if (item.outcome === 'pending') item.outcome = 'skipped';
    status.state = job.cancelled ? 'cancelled' : 'completed';
    status.finishedAt = new Date().toISOString();
    this.#snapshots.forget(status.realm, (row) => status.items.some((i) => i.outcome === 'ended' && i.sessionId === row.id && i.type === row.type));
  }

  async #endOne(status: SessionJob, item: JobItem, context: ActionContext, admins: Map<string, Promise<boolean>>): Promise<void> {
    const settle = (outcome: JobItem['outcome'], error: string | null = null) => {
      item.outcome = outcome;
      item.error = error;
      status.left -= 1;
      bulkItems.inc({ outcome });
      if (outcome === 'ended' || outcome === 'already-gone') status.done += 1;
      else status.failed += 1;
    };
    const intent = {
      realm: status.realm,
      action: 'bulk.item' as const,
      targetUser: item.userId ? { id: item.userId, username: item.username ?? '' } : null,
      sessionId: item.sessionId,
      reason: status.reason,
      jobId: status.id,
      details: { type: item.type },
    };
    try {
      if (!item.userId) return settle('already-gone', 'not found in the realm when the job started');
      let isAdmin = admins.get(item.userId);
      if (!isAdmin) {
        isAdmin = this.#keycloak.isConsoleAdmin(status.realm, item.userId);
        admins.set(item.userId, isAdmin);
      }
      const decision = decide({
        operator: context.operator,
        permission: 'bulk:end',
        realm: status.realm,
        managedRealms: this.#options.managedRealms,
        target: { isConsoleAdmin: await isAdmin },
      });
      if (!decision.allowed) {
        await this.#trail.refuse(context.actor, intent, decision.reason);
        return settle('refused', decision.reason);
      }
      const attempt = await this.#trail.begin(context.actor, intent);
      let ended: boolean;
      try {
        ended = await this.#keycloak.deleteSession(status.realm, item.sessionId, item.type === 'offline');
      } catch (err) {
        await attempt.failed(err);
        throw err;
      }
      if (ended) {
        await attempt.succeeded();
        return settle('ended');
      }
      await attempt.failed('Keycloak no longer had this session');
      return settle('already-gone', 'Keycloak no longer had this session');
    } catch (err) {
      if (item.outcome === 'pending') settle('failed', err instanceof Error ? err.message : String(err));
    }
  }

  #view(job: Job): SessionJob {
    const { status } = job;
    // While running, the item list is summarised; the full list comes once the job stops.
    return { ...status, items: status.state === 'running' ? [] : status.items.map((item) => ({ ...item })) };
  }

  #forgetOldJobs(): void {
    const finished = [...this.#jobs.values()].filter((job) => job.status.state !== 'running');
    for (const job of finished.slice(0, Math.max(0, finished.length - this.#options.keepFinished))) this.#jobs.delete(job.status.id);
  }
}
