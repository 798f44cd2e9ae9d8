import { z } from 'zod';
import { wholeNumberParam } from './query.js';
import { reasonSchema, searchTextSchema } from './ids.js';
import { sessionRowSchema } from './sessions.js';
import { endedLocationSummarySchema, locationSummarySchema } from './location.js';
import { SEARCH_TEXT_MAX_LENGTH } from './rules.js';

export const userSummarySchema = z.object({
  id: z.string(),
  username: z.string(),
  email: z.string().nullable(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  enabled: z.boolean(),
});
export type UserSummary = z.infer<typeof userSummarySchema>;

/** GET /api/realms/:realm/users?q= */
export const userSearchQuerySchema = z.object({
  q: searchTextSchema(SEARCH_TEXT_MAX_LENGTH).refine((value) => value.length > 0, 'type something to search for'),
  max: wholeNumberParam(1, 100).default(20),
}).strict();

export const userSearchResponseSchema = z.object({
  items: z.array(userSummarySchema),
  /** True when more users match than were returned. */
  more: z.boolean(),
});
export type UserSearchResponse = z.infer<typeof userSearchResponseSchema>;

const pageStart = wholeNumberParam(0, 1_000_000).default(0);
const pageSize = wholeNumberParam(1, 500).default(100);

/**
 * GET /api/realms/:realm/users/:userId query: which page of the user's regular sessions
 * (`first`, `max`) and of their offline sessions (`offlineFirst`, `offlineMax`), newest first.
 * A user may hold thousands of sessions (scripts that log in without reusing tokens).
 */
export const userDetailQuerySchema = z.object({
  first: pageStart,
  max: pageSize,
  offlineFirst: pageStart,
  offlineMax: pageSize,
}).strict();
export type UserDetailQuery = z.infer<typeof userDetailQuerySchema>;

/** GET /api/realms/:realm/users/:userId — always read live from Keycloak. */
export const userDetailResponseSchema = z.object({
  user: userSummarySchema.extend({
    createdAt: z.string().nullable(),
    /** The user is a Session Desk administrator: help-desk may not act on them. */
    /** Null when Keycloak would not say (the service account cannot read the console client's roles). */
    isConsoleAdmin: z.boolean().nullable(),
  }),
  /** One page of the regular sessions, most recently used first; `revoked` set where Keycloak no longer honours them. */
  sessions: z.array(sessionRowSchema),
  offlineSessions: z.array(sessionRowSchema),
  /** All regular / offline sessions Keycloak lists for the user (the pages are slices of these). */
  sessionsTotal: z.number().int(),
  offlineSessionsTotal: z.number().int(),
  /** Countries and networks of all the user's live sessions, regular and offline (absent without IP location). */
  locations: locationSummarySchema.optional(),
  /** Countries and networks of the user's sessions ended from the console, from the audit trail (absent without IP location). */
  endedLocations: endedLocationSummarySchema.optional(),
  page: z.object({ first: z.number().int(), max: z.number().int(), offlineFirst: z.number().int(), offlineMax: z.number().int() }),
  /** The user's not-before (ISO 8601), when set: Keycloak refuses every token of theirs issued before it. */
  notBefore: z.string().nullable(),
  /** What the signed-in operator may do to this user (the server enforces the same). */
  allowedActions: z.object({
    endSession: z.boolean(),
    logout: z.boolean(),
    /** Why actions are refused, in words, when they are. */
    refusal: z.string().nullable(),
  }),
});
export type UserDetailResponse = z.infer<typeof userDetailResponseSchema>;

/** POST /api/realms/:realm/users/:userId/logout */
export const logoutUserBodySchema = z.object({
  reason: reasonSchema,
  /**
   * Also remove the user's offline sessions and revoke the apps' offline access. Without it they
   * stay listed but are revoked all the same: Keycloak's user logout moves the user's not-before,
   * so their refresh tokens are refused from then on.
   */
  includeOffline: z.boolean().default(false),
}).strict();
export type LogoutUserBody = z.input<typeof logoutUserBodySchema>;

export const logoutUserResponseSchema = z.object({
  userId: z.string(),
  username: z.string(),
  endedRegular: z.number().int(),
  /** Offline sessions removed (only with includeOffline). */
  endedOffline: z.number().int(),
  /**
   * Offline sessions left listed in Keycloak whose tokens Keycloak now refuses (the user's
   * not-before moved): they no longer work. 0 with includeOffline.
   */
  revokedOffline: z.number().int().default(0),
  /** The user's not-before after the logout (ISO 8601): every token issued before it is refused. */
  notBefore: z.string().nullable().default(null),
  /** Client ids whose offline access was revoked. */
  offlineClients: z.array(z.string()),
});
export type LogoutUserResponse = z.infer<typeof logoutUserResponseSchema>;
