import { z } from 'zod';
import { wholeNumberParam } from './query.js';
import { clientIdSchema, reasonSchema, searchTextSchema, userIdSchema } from './ids.js';
import { locationFilterShape, sessionLocationSchema } from './location.js';
import { sessionSorts, sessionTypes, SEARCH_TEXT_MAX_LENGTH } from './rules.js';

export const sessionTypeSchema = z.enum(sessionTypes);
export type SessionType = z.infer<typeof sessionTypeSchema>;

export const sessionClientSchema = z.object({
  /** Keycloak's internal client UUID. */
  id: z.string(),
  clientId: z.string(),
});
export type SessionClient = z.infer<typeof sessionClientSchema>;

/**
 * Keycloak no longer honours the session's tokens: it was last used before a not-before — the
 * user's (moved by "log out everywhere"), the realm's ("revoke tokens") or that of every one of its
 * clients. Keycloak may still list such a session; no app can use or refresh it.
 */
export const sessionRevocationSchema = z.object({
  /** The not-before that stopped the session, ISO 8601. */
  at: z.string(),
  by: z.enum(['user', 'realm', 'client']),
});
export type SessionRevocation = z.infer<typeof sessionRevocationSchema>;

/** One user session (Keycloak's `sid`), regular or offline. */
export const sessionRowSchema = z.object({
  id: z.string(),
  type: sessionTypeSchema,
  userId: z.string(),
  username: z.string(),
  email: z.string().nullable(),
  ipAddress: z.string(),
  /** ISO 8601. */
  started: z.string(),
  lastAccess: z.string(),
  rememberMe: z.boolean(),
  clients: z.array(sessionClientSchema),
  /** Set when Keycloak will no longer accept the session's tokens (absent or null: alive). */
  revoked: sessionRevocationSchema.nullable().optional(),
  /** Country and network of `ipAddress` (absent when the console runs without IP location). */
  location: sessionLocationSchema.nullable().optional(),
});
export type SessionRow = z.infer<typeof sessionRowSchema>;

export const sessionSortSchema = z.enum(sessionSorts);
export type SessionSort = z.infer<typeof sessionSortSchema>;

/** GET /api/realms/:realm/sessions query; any other parameter is refused, named. */
export const sessionListQuerySchema = z.object({
  q: searchTextSchema(SEARCH_TEXT_MAX_LENGTH).optional(),
  client: clientIdSchema.optional(),
  type: sessionTypeSchema.optional(),
  ...locationFilterShape,
  first: wholeNumberParam(0, 1_000_000).default(0),
  max: wholeNumberParam(1, 500).default(50),
  sort: sessionSortSchema.default('lastAccess:desc'),
}).strict();
export type SessionListQuery = z.infer<typeof sessionListQuerySchema>;

/** The realm snapshot a list was served from: realm-wide lists are built in the BFF, not per request in Keycloak. */
export const snapshotInfoSchema = z.object({
  builtAt: z.string(),
  ageSeconds: z.number(),
  /** True while a newer snapshot is being built in the background. */
  refreshing: z.boolean(),
  /** How long the last full build took, in milliseconds. */
  buildMs: z.number(),
  /**
   * The last rebuild that failed since the one this list comes from (Keycloak down or slow): when
   * (ISO 8601) and why. Null once a rebuild works again. The list is then older than it should be.
   */
  refreshFailed: z.object({ at: z.string(), message: z.string() }).nullable().default(null),
});
export type SnapshotInfo = z.infer<typeof snapshotInfoSchema>;

export const sessionListResponseSchema = z.object({
  items: z.array(sessionRowSchema),
  total: z.number().int(),
  /** How many of the `total` matching sessions are revoked (listed by Keycloak, tokens refused). */
  revokedTotal: z.number().int().default(0),
  /** Every session of the realm in the snapshot, whatever the query: a search whose `total` equals it matches them all. */
  realmTotal: z.number().int().optional(),
  first: z.number().int(),
  max: z.number().int(),
  snapshot: snapshotInfoSchema,
});
export type SessionListResponse = z.infer<typeof sessionListResponseSchema>;

/** DELETE /api/realms/:realm/sessions/:sessionId?offline=true|false */
export const endSessionQuerySchema = z
  .object({
    offline: z.enum(['true', 'false']).default('false').transform((value) => value === 'true'),
  })
  .strict();

export const endSessionBodySchema = z.object({
  reason: reasonSchema,
  /** The session's user, when the caller knows it (saves a realm-wide lookup). */
  userId: userIdSchema.optional(),
}).strict();
export type EndSessionBody = z.input<typeof endSessionBodySchema>;

export const endSessionResponseSchema = z.object({
  ended: z.literal(true),
  sessionId: z.string(),
  userId: z.string(),
  username: z.string(),
  type: sessionTypeSchema,
});
export type EndSessionResponse = z.infer<typeof endSessionResponseSchema>;

/** GET /api/realms/:realm/clients/stats */
export const clientStatsSchema = z.object({
  id: z.string(),
  clientId: z.string(),
  active: z.number().int(),
  offline: z.number().int(),
});
export type ClientStats = z.infer<typeof clientStatsSchema>;

export const clientStatsResponseSchema = z.object({
  clients: z.array(clientStatsSchema),
});
export type ClientStatsResponse = z.infer<typeof clientStatsResponseSchema>;
