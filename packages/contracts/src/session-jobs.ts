import { z } from 'zod';
import { clientIdSchema, reasonSchema, realmNameSchema, searchTextSchema, sessionIdSchema } from './ids.js';
import { sessionTypeSchema } from './sessions.js';
import { locationFilterShape } from './location.js';
import { SEARCH_TEXT_MAX_LENGTH } from './rules.js';

/** Either chosen sessions, or every session matching a search (admins only). */
export const sessionJobRequestSchema = z
  .object({
    reason: reasonSchema,
    sessions: z
      .array(z.object({ id: sessionIdSchema, type: sessionTypeSchema }).strict())
      .min(1, 'choose at least one session')
      .max(10_000, 'at most 10,000 sessions per job')
      .optional(),
    filter: z
      .object({
        q: searchTextSchema(SEARCH_TEXT_MAX_LENGTH).optional(),
        client: clientIdSchema.optional(),
        type: sessionTypeSchema.optional(),
        ...locationFilterShape,
      })
      .strict()
      .optional(),
    /** With a filter that sets nothing (every session of the realm): the realm's name, typed to confirm. */
    confirmRealm: z.string().max(255).optional(),
  })
  .strict()
  .refine((body) => (body.sessions === undefined) !== (body.filter === undefined), {
    message: 'give either "sessions" or "filter", not both',
    path: ['sessions'],
  });
export type SessionJobRequest = z.input<typeof sessionJobRequestSchema>;

export const jobStateSchema = z.enum(['running', 'completed', 'cancelled', 'interrupted']);
export type JobState = z.infer<typeof jobStateSchema>;

/**
 * 'unknown': Keycloak was asked and its answer never came (it did not answer in time, or Session Desk
 * stopped before recording it), so whether the session ended is not known.
 */
export const jobItemOutcomeSchema = z.enum(['pending', 'ended', 'already-gone', 'failed', 'unknown', 'refused', 'skipped']);
export type JobItemOutcome = z.infer<typeof jobItemOutcomeSchema>;

export const jobItemSchema = z.object({
  sessionId: z.string(),
  type: sessionTypeSchema,
  userId: z.string().nullable(),
  username: z.string().nullable(),
  outcome: jobItemOutcomeSchema,
  error: z.string().nullable(),
});
export type JobItem = z.infer<typeof jobItemSchema>;

/** GET /api/session-jobs/:jobId (poll while running). */
export const sessionJobSchema = z.object({
  id: z.string(),
  realm: realmNameSchema,
  state: jobStateSchema,
  reason: z.string(),
  createdBy: z.object({ id: z.string(), username: z.string() }),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  total: z.number().int(),
  /** Ended, plus already gone. */
  done: z.number().int(),
  /** Not ended: failed, refused, or not known (outcome 'unknown'). */
  failed: z.number().int(),
  left: z.number().int(),
  /**
   * Why Session Desk stopped the job itself before its end (state `cancelled`): the operator's power
   * ended, or Keycloak could not confirm it, and the items not begun were refused. Null while running,
   * and for a job that completed, was cancelled by an operator, or was interrupted.
   */
  stopReason: z.string().nullable().default(null),
  /** Every item's outcome; complete once the job is no longer running. */
  items: z.array(jobItemSchema),
});
export type SessionJob = z.infer<typeof sessionJobSchema>;

export const jobIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be a job id');
