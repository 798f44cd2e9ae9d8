import type { AuditAction, AuditExportFormat, AuditTrailOutcome } from '@session-desk/contracts';
import { AUDIT_JOB_ID, auditActions, auditTrailOutcomes, isOneOf, isRealmName } from '@session-desk/contracts/rules';
import { isCalendarDay, localDayToIso } from '@/lib/local-day';

/**
 * What the Audit page lists, kept in the URL so a link pasted into a ticket opens the same view.
 * Dates are calendar days in the operator's time zone (what a date input gives); they become ISO
 * date-times with the local offset only when the API is asked.
 */
export interface AuditFilter {
  /** Operator id or username; a trailing `*` matches a prefix. */
  operator: string;
  /** Target user id or username; a trailing `*` matches a prefix. */
  user: string;
  /** '' = all realms. */
  realm: string;
  action: AuditAction | '';
  outcome: AuditTrailOutcome | '';
  /** Only the items of one bulk job. */
  jobId: string;
  /** YYYY-MM-DD, inclusive; '' = open. */
  from: string;
  /** YYYY-MM-DD, inclusive; '' = open. */
  to: string;
}

export const emptyAuditFilter: AuditFilter = {
  operator: '',
  user: '',
  realm: '',
  action: '',
  outcome: '',
  jobId: '',
  from: '',
  to: '',
};

/** The filter as the API takes it (GET /api/audit and /api/audit/export): only what is set. */
export interface AuditQuery {
  operator?: string;
  user?: string;
  realm?: string;
  action?: AuditAction;
  outcome?: AuditTrailOutcome;
  jobId?: string;
  /** ISO 8601 with offset. */
  from?: string;
  /** ISO 8601 with offset. */
  to?: string;
}

const FILTER_TEXT_MAX = 200;

export { isCalendarDay, localDayToIso };

function text(params: URLSearchParams, key: string): string {
  return (params.get(key) ?? '').trim().slice(0, FILTER_TEXT_MAX);
}

/** Reads the filter from the query string; anything unreadable is left out instead of breaking the page. */
export function readAuditFilter(params: URLSearchParams): AuditFilter {
  const realm = params.get('realm');
  const action = params.get('action');
  const outcome = params.get('outcome');
  const jobId = params.get('jobId') ?? '';
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  return {
    operator: text(params, 'operator'),
    user: text(params, 'user'),
    realm: isRealmName(realm) ? realm : '',
    action: isOneOf(auditActions, action) ? action : '',
    outcome: isOneOf(auditTrailOutcomes, outcome) ? outcome : '',
    jobId: AUDIT_JOB_ID.test(jobId) ? jobId : '',
    from: isCalendarDay(from) ? from : '',
    to: isCalendarDay(to) ? to : '',
  };
}

const keys = ['operator', 'user', 'realm', 'action', 'outcome', 'jobId', 'from', 'to'] as const;

/** Only what is set, in a fixed order (short, stable links). */
export function writeAuditFilter(filter: AuditFilter): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of keys) {
    const value = filter[key].trim();
    if (value) params.set(key, value);
  }
  return params;
}

export function hasActiveAuditFilter(filter: AuditFilter): boolean {
  return keys.some((key) => filter[key] !== '');
}

/** "To" before "From" cannot match anything; the API refuses it, so say so instead of asking. */
export function auditRangeProblem(filter: AuditFilter): string | undefined {
  if (filter.from && filter.to && filter.from > filter.to) return '“To” is before “From”, so nothing can match. Change one of the dates.';
  return undefined;
}

export function toAuditQuery(filter: AuditFilter): AuditQuery {
  const query: AuditQuery = {};
  if (filter.operator) query.operator = filter.operator;
  if (filter.user) query.user = filter.user;
  if (filter.realm) query.realm = filter.realm;
  if (filter.action) query.action = filter.action;
  if (filter.outcome) query.outcome = filter.outcome;
  if (filter.jobId) query.jobId = filter.jobId;
  if (filter.from) query.from = localDayToIso(filter.from, 'start');
  if (filter.to) query.to = localDayToIso(filter.to, 'end');
  return query;
}

/** The API's query string for a filter (plus paging or format), keys in a fixed order. */
export function auditSearchParams(
  query: AuditQuery,
  extra: { cursor?: string | undefined; limit?: number | undefined; format?: AuditExportFormat | undefined } = {},
): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of keys) {
    const value = query[key];
    if (value) params.set(key, value);
  }
  if (extra.cursor) params.set('cursor', extra.cursor);
  if (extra.limit !== undefined) params.set('limit', String(extra.limit));
  if (extra.format) params.set('format', extra.format);
  return params;
}
