import type { AuditRecord, JobItem, SessionJob } from '@session-desk/contracts';
import { SESSION_GONE, SESSION_NOT_IN_REALM } from '../actions/action-runner.js';

export const UNRECORDED_ERROR = 'interrupted before the outcome was recorded: not known whether Keycloak ended it';

type Settled = Pick<JobItem, 'outcome' | 'error'>;

/** Higher wins when an item has several records; only one is expected. */
const rank: Record<JobItem['outcome'], number> = { ended: 6, 'already-gone': 5, failed: 4, unknown: 3, refused: 2, skipped: 1, pending: 0 };

function fromRecord(record: AuditRecord): Settled | undefined {
  switch (record.outcome) {
    case 'succeeded':
      return { outcome: 'ended', error: null };
    case 'failed':
      return record.error === SESSION_GONE || record.error === SESSION_NOT_IN_REALM
        ? { outcome: 'already-gone', error: record.error }
        : { outcome: 'failed', error: record.error };
    case 'refused':
      return { outcome: 'refused', error: record.error };
    case 'unknown':
    case 'attempted':
      // Keycloak was called (or about to be) and the process died before the answer was recorded.
      return { outcome: 'unknown', error: UNRECORDED_ERROR };
  }
}

const recordType = (record: AuditRecord): unknown => record.details?.type;
const keyOf = (sessionId: string, type: unknown) => `${String(type)}:${sessionId}`;

/** The job's counters as they follow from its items. */
export function countsOf(items: readonly JobItem[]): Pick<SessionJob, 'done' | 'failed' | 'left'> {
  let done = 0;
  let failed = 0;
  let left = 0;
  for (const { outcome } of items) {
    if (outcome === 'ended' || outcome === 'already-gone') done += 1;
    else if (outcome === 'failed' || outcome === 'unknown' || outcome === 'refused') failed += 1;
    else left += 1;
  }
  return { done, failed, left };
}

/**
 * A job whose process died, rebuilt from the audit trail, which records every item before and after
 * Keycloak is called: an item without a record was never tried, so it is 'skipped' and still alive.
 * Items already settled in the stored document keep their outcome. The job is never resumed.
 */
export function reconcileJob(job: SessionJob, records: Iterable<AuditRecord>, finishedAt: string): SessionJob {
  const byItem = new Map<string, Settled>();
  for (const record of records) {
    if (record.jobId !== job.id || record.action !== 'bulk.item' || record.sessionId === null) continue;
    const settled = fromRecord(record);
    if (!settled) continue;
    const key = keyOf(record.sessionId, recordType(record));
    const known = byItem.get(key);
    if (!known || rank[settled.outcome] > rank[known.outcome]) byItem.set(key, settled);
  }
  const items = job.items.map((item): JobItem => {
    if (item.outcome !== 'pending') return { ...item };
    const settled = byItem.get(keyOf(item.sessionId, item.type));
    return { ...item, ...(settled ?? { outcome: 'skipped', error: null }) };
  });
  return { ...job, state: 'interrupted', finishedAt, items, ...countsOf(items) };
}
