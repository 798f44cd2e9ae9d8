import type { AuditAction, AuditDetails, AuditRecord, AuditTrailOutcome, AuditVerifyResponse, Role } from '@session-desk/contracts';

export type { AuditRecord };

/** What a caller writes; the store adds seq, id, time and the hash chain. */
export interface NewAuditEntry {
  operator: { id: string; username: string; role: Role };
  realm: string;
  action: AuditAction;
  outcome: 'attempted' | 'succeeded' | 'failed' | 'refused';
  requestId: string;
  ip: string;
  targetUser?: { id: string; username: string } | null;
  sessionId?: string | null;
  reason?: string | null;
  /** What failed, or why the action was refused. */
  error?: string | null;
  details?: AuditDetails | null;
  jobId?: string | null;
  /** Required on 'succeeded' and 'failed': the seq of the 'attempted' record being completed. */
  attemptSeq?: number | null;
}

export interface AuditFilter {
  /** Operator id (whole) or any part of the username (case-insensitive); a trailing `*` matches a prefix. */
  operator?: string;
  /** Exact operator id only: scopes a listing to the operator's own records. */
  operatorId?: string;
  /** Target user id (whole) or any part of the username (case-insensitive); a trailing `*` matches a prefix. */
  user?: string;
  realm?: string;
  action?: AuditAction;
  outcome?: AuditTrailOutcome;
  jobId?: string;
  /** ISO 8601, inclusive. */
  from?: string;
  /** ISO 8601, inclusive. */
  to?: string;
  /** `nextCursor` of the previous page. */
  cursor?: string;
  /** 1..500, default 50. */
  limit?: number;
}

/** One page of the trail, newest first. */
export interface AuditPage {
  items: AuditRecord[];
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
  /** Records matching the filters, counted for the first page only (null on pages after it). */
  total: number | null;
}

export type AuditStreamFilter = Omit<AuditFilter, 'cursor' | 'limit'>;

export type VerifyResult = AuditVerifyResponse;

/**
 * The append-only, hash-chained audit trail. Listings ("the trail") leave out 'attempted' records
 * that have an outcome record and show the others as outcome 'unknown'.
 */
export interface AuditStore {
  readonly kind: 'sqlite' | 'postgres';
  /** Creates or migrates the schema. */
  init(): Promise<void>;
  /** Assigns seq, time, prevHash and hash atomically. Rejects with 503 audit_unavailable when the record is not stored. */
  append(entry: NewAuditEntry): Promise<AuditRecord>;
  /** Newest first, cursor-paged, with the total on the first page. A malformed cursor rejects with 400 bad_request. */
  query(filter: AuditFilter): Promise<AuditPage>;
  /** Oldest first, in bounded batches, up to the newest record at the time the stream starts. */
  stream(filter: AuditStreamFilter): AsyncIterable<AuditRecord>;
  /** Walks the whole chain and reports the first broken link. */
  verify(): Promise<VerifyResult>;
  close(): Promise<void>;
}
