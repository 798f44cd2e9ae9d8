import { z } from 'zod';
import { wholeNumberParam } from './query.js';
import { realmNameSchema, searchTextSchema } from './ids.js';
import { roleSchema } from './role-schemas.js';
import { AUDIT_JOB_ID, auditActions, auditOutcomes, auditTrailOutcomes, SEARCH_TEXT_MAX_LENGTH } from './rules.js';

export const auditActionSchema = z.enum(auditActions);
export type AuditAction = z.infer<typeof auditActionSchema>;

export const auditOutcomeSchema = z.enum(auditOutcomes);
export type AuditOutcome = z.infer<typeof auditOutcomeSchema>;

export const auditTrailOutcomeSchema = z.enum(auditTrailOutcomes);
export type AuditTrailOutcome = z.infer<typeof auditTrailOutcomeSchema>;

export const auditDetailsSchema = z.record(z.string(), z.json());
export type AuditDetails = z.infer<typeof auditDetailsSchema>;

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);

/** One record of GET /api/audit. */
export const auditRecordSchema = z.object({
  /** 1, 2, 3… without gaps across the whole trail. */
  seq: z.number().int().min(1),
  id: z.uuid(),
  /** ISO 8601, UTC, milliseconds. */
  at: z.iso.datetime(),
  operator: z.object({ id: z.string(), username: z.string(), role: roleSchema }),
  realm: z.string(),
  targetUser: z.object({ id: z.string(), username: z.string() }).nullable(),
  sessionId: z.string().nullable(),
  action: auditActionSchema,
  reason: z.string().nullable(),
  outcome: auditOutcomeSchema,
  /** What failed, or why the action was refused. */
  error: z.string().nullable(),
  details: auditDetailsSchema.nullable(),
  requestId: z.string(),
  ip: z.string(),
  jobId: z.string().nullable(),
  /** On an outcome record: the seq of the 'attempted' record it completes. */
  attemptSeq: z.number().int().min(1).nullable(),
  hash: sha256Hex,
  /** The previous record's hash; 64 zeros for the first record. */
  prevHash: sha256Hex,
});
export type AuditRecord = z.infer<typeof auditRecordSchema>;

const filterText = searchTextSchema(SEARCH_TEXT_MAX_LENGTH).refine((value) => value.length > 0, 'must not be empty');
const isoDateTime = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time, e.g. 2025-01-31T12:00:00Z' });

/**
 * The filters shared by the list and the export. `operator` and `user` match a whole id or any part
 * of a username (case-insensitive), or with a trailing `*` a prefix; `from` and `to` are inclusive
 * instants (ISO 8601 with an offset).
 */
const auditFilterSchema = z.object({
  operator: filterText.optional(),
  user: filterText.optional(),
  realm: realmNameSchema.optional(),
  action: auditActionSchema.optional(),
  outcome: auditTrailOutcomeSchema.optional(),
  jobId: z.string().regex(AUDIT_JOB_ID, 'must be a job id').optional(),
  from: isoDateTime.optional(),
  to: isoDateTime.optional(),
});

const fromNotAfterTo = (query: { from?: string | undefined; to?: string | undefined }) =>
  query.from === undefined || query.to === undefined || Date.parse(query.from) <= Date.parse(query.to);
const fromNotAfterToIssue = { message: 'must not be before "from"', path: ['to'] };

/** GET /api/audit query. Newest first. */
export const auditQuerySchema = auditFilterSchema
  .extend({
    /** Opaque; taken from `nextCursor` of the previous page. */
    cursor: z
      .string()
      .max(200, 'the cursor is not valid')
      .regex(/^[A-Za-z0-9_-]+$/, 'the cursor is not valid')
      .optional(),
    limit: wholeNumberParam(1, 500).default(50),
  })
  .strict()
  .refine(fromNotAfterTo, fromNotAfterToIssue);
export type AuditQuery = z.infer<typeof auditQuerySchema>;

export const auditListResponseSchema = z.object({
  items: z.array(auditRecordSchema),
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: z.string().nullable(),
  /** Records matching the filters (the operator's scope included), as of the first page; null on pages after it. */
  total: z.number().int().nullable(),
});
export type AuditListResponse = z.infer<typeof auditListResponseSchema>;

export const auditExportFormatSchema = z.enum(['csv', 'jsonl']);
export type AuditExportFormat = z.infer<typeof auditExportFormatSchema>;

/** GET /api/audit/export query. Oldest first, as of the moment the export starts. */
export const auditExportQuerySchema = auditFilterSchema
  .extend({ format: auditExportFormatSchema.default('csv') })
  .strict()
  .refine(fromNotAfterTo, fromNotAfterToIssue);
export type AuditExportQuery = z.infer<typeof auditExportQuerySchema>;

/** GET /api/audit/verify */
export const auditVerifyResponseSchema = z.object({
  ok: z.boolean(),
  /** Records checked, up to and including the first broken one. */
  checked: z.number().int().min(0),
  firstBroken: z.object({ seq: z.number().int(), problem: z.string() }).nullable(),
  /** The newest record's hash: note it down elsewhere to detect a rewritten trail later. */
  headHash: sha256Hex.nullable(),
});
export type AuditVerifyResponse = z.infer<typeof auditVerifyResponseSchema>;
