import { setTimeout as sleep } from 'node:timers/promises';
import type { AuditAction, AuditDetails, Role } from '@session-desk/contracts';
import { HttpError } from '../http/errors.js';
import { auditResultUnrecorded } from './audit-errors.js';
import { completionOf } from './audit-entry.js';
import type { AuditRecord, AuditStore, NewAuditEntry } from './audit-store.js';

/** Who is acting, from the request. */
export interface AuditActor {
  operator: { id: string; username: string; role: Role };
  requestId: string;
  ip: string;
}

/** What an action returns when Keycloak no longer had its target: recorded as failed with `why`. */
export class AlreadyGone {
  constructor(readonly why: string) {}
}

/** The action found nothing to act on (e.g. Keycloak answered 404 for the session). */
export const alreadyGone = (why: string) => new AlreadyGone(why);

/** What is about to be done. */
export interface AuditIntent {
  realm: string;
  action: AuditAction;
  targetUser?: { id: string; username: string } | null;
  sessionId?: string | null;
  reason?: string | null;
  jobId?: string | null;
  details?: AuditDetails | null;
}

export interface AuditTrailOptions {
  /** Told when an outcome record could not be written (the attempt record stays as 'unknown'). */
  onUnrecorded?: (err: unknown, attempt: AuditRecord) => void;
  /** Pause before the one retry of an outcome record. */
  retryDelayMs?: number;
}

const MAX_ERROR_CHARS = 1_000;

const isAuditOutage = (err: unknown) => err instanceof HttpError && err.code === 'audit_unavailable';

/** The text stored as a failed record's error. */
export function errorText(err: unknown): string {
  const text = err instanceof HttpError ? `${err.code}: ${err.message}` : err instanceof Error ? err.message : String(err);
  return text.length > MAX_ERROR_CHARS ? `${text.slice(0, MAX_ERROR_CHARS - 1)}…` : text;
}

const entryFor = (actor: AuditActor, intent: AuditIntent): Omit<NewAuditEntry, 'outcome'> => ({
  operator: actor.operator,
  requestId: actor.requestId,
  ip: actor.ip,
  realm: intent.realm,
  action: intent.action,
  targetUser: intent.targetUser ?? null,
  sessionId: intent.sessionId ?? null,
  reason: intent.reason ?? null,
  jobId: intent.jobId ?? null,
  details: intent.details ?? null,
});

/** An 'attempted' record on file; complete it exactly once with the outcome. */
export class AuditAttempt {
  readonly record: AuditRecord;
  readonly #store: AuditStore;
  readonly #retryDelayMs: number;
  #completed = false;

  constructor(store: AuditStore, record: AuditRecord, retryDelayMs: number) {
    this.#store = store;
    this.record = record;
    this.#retryDelayMs = retryDelayMs;
  }

  /** Records success. Rejects with 503 (saying the action did happen) when the record cannot be written. */
  succeeded(details?: AuditDetails | null): Promise<AuditRecord> {
    return this.#complete({ outcome: 'succeeded', error: null, details: details ?? undefined });
  }

  /** Records failure with what went wrong, e.g. the Keycloak error. */
  failed(error: unknown, details?: AuditDetails | null): Promise<AuditRecord> {
    return this.#complete({ outcome: 'failed', error: errorText(error), details: details ?? undefined });
  }

  /** `details` undefined keeps the attempt's own. */
  async #complete(outcome: { outcome: 'succeeded' | 'failed'; error: string | null; details: AuditDetails | undefined }): Promise<AuditRecord> {
    if (this.#completed) throw new Error(`audit attempt ${this.record.seq} is already completed`);
    this.#completed = true;
    const entry = completionOf(this.record, outcome);
    try {
      return await this.#store.append(entry);
    } catch (err) {
      if (!isAuditOutage(err)) throw err;
    }
    // One retry rides out a momentary hiccup (a lock wait, a dropped pooled connection).
    await sleep(this.#retryDelayMs);
    try {
      return await this.#store.append(entry);
    } catch (err) {
      throw isAuditOutage(err) ? auditResultUnrecorded(err) : err;
    }
  }
}

/**
 * What `AuditTrail.run` runs and records: the Keycloak call; optionally the details of its success
 * (`summarize`) and of its failure (`failureDetails`, e.g. partial progress).
 */
export type AuditedCall<T> = [
  action: () => Promise<T>,
  summarize?: (result: Exclude<T, AlreadyGone>) => AuditDetails | null,
  failureDetails?: () => AuditDetails | null,
];

/**
 * A call Keycloak did not answer in time was sent, and Keycloak may well have carried it out (its
 * answer, not the request, was late): the record and the operator's answer say that the outcome is
 * not known, not that the action failed. Other errors are returned as they are.
 */
export function outcomeUnknownIfTimedOut(err: unknown): unknown {
  if (!(err instanceof HttpError) || err.code !== 'keycloak_timeout') return err;
  return new OutcomeUnknown(err);
}

/** The 504 of a destructive call Keycloak did not answer in time: whether it was carried out is not known. */
export class OutcomeUnknown extends HttpError {
  constructor(cause: HttpError) {
    super(504, 'keycloak_timeout', 'Keycloak did not answer in time, so it is not known whether it carried this out: check before trying again.', { cause });
  }
}

/**
 * Nothing is done without a record, and the result is recorded before the answer: begin() writes an
 * 'attempted' record before Keycloak is called (if it cannot, the caller does nothing and answers
 * 503), the attempt's outcome record follows the call, and a policy refusal is one 'refused' record.
 */
export class AuditTrail {
  readonly store: AuditStore;
  readonly #options: AuditTrailOptions;

  constructor(store: AuditStore, options: AuditTrailOptions = {}) {
    this.store = store;
    this.#options = options;
  }

  /** Rejects with 503 audit_unavailable when the attempt cannot be recorded: then do nothing. */
  async begin(actor: AuditActor, intent: AuditIntent): Promise<AuditAttempt> {
    const entry = entryFor(actor, intent);
    const record = await this.store.append({ ...entry, outcome: 'attempted' });
    return new AuditAttempt(this.store, record, this.#options.retryDelayMs ?? 100);
  }

  /** Records a refusal by policy; `why` is stored as the error. Rejects with 503 when it cannot be recorded. */
  refuse(actor: AuditActor, intent: AuditIntent, why: string): Promise<AuditRecord> {
    return this.store.append({ ...entryFor(actor, intent), outcome: 'refused', error: why });
  }

  /**
   * begin → action → outcome record: the one recipe for a destructive action. The action's own
   * error is rethrown after it is recorded as 'failed' (with `failureDetails()` when given, e.g.
   * partial progress); an action that finds its target already gone returns `alreadyGone(why)`,
   * which is recorded as 'failed' with `why` and handed back to the caller to answer. If success
   * (or the gone target) cannot be recorded the caller gets 503 saying the action was sent.
   */
  async run<T>(actor: AuditActor, intent: AuditIntent, ...[action, summarize, failureDetails]: AuditedCall<T>): Promise<T> {
    const attempt = await this.begin(actor, intent);
    let result: T;
    try {
      result = await action();
    } catch (caught) {
      const err = outcomeUnknownIfTimedOut(caught);
      // Whether Keycloak carried out a call it did not answer in time is not known: the attempt is left
      // without an outcome, which is how the trail says 'unknown' (its entry, and the outcome filter).
      if (err !== caught) throw err;
      // The action's error is the better answer; an unrecorded failure still shows as 'unknown'.
      await attempt.failed(err, failureDetails?.()).catch((recordErr: unknown) => this.#options.onUnrecorded?.(recordErr, attempt.record));
      throw err;
    }
    try {
      if (result instanceof AlreadyGone) await attempt.failed(result.why);
      else await attempt.succeeded(summarize ? summarize(result as Exclude<T, AlreadyGone>) : undefined);
    } catch (err) {
      this.#options.onUnrecorded?.(err, attempt.record);
      throw err;
    }
    return result;
  }
}
