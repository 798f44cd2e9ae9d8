import { z } from 'zod';
import { reasonSchema } from './ids.js';
import { sessionRowSchema } from './sessions.js';

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
  q: z.string().trim().min(1, 'type something to search for').max(200, 'the search may be at most 200 characters'),
  max: z.coerce.number().int().min(1).max(100).default(20),
});

export const userSearchResponseSchema = z.object({
  items: z.array(userSummarySchema),
  /** True when more users match than were returned. */
  more: z.boolean(),
});
export type UserSearchResponse = z.infer<typeof userSearchResponseSchema>;

/** GET /api/realms/:realm/users/:userId — always read live from Keycloak. */
export const userDetailResponseSchema = z.object({
  user: userSummarySchema.extend({
    createdAt: z.string().nullable(),
    /** The user is a Session Desk administrator: help-desk may not act on them. */
    /** Null when Keycloak would not say (the service account cannot read the console client's roles). */
    isConsoleAdmin: z.boolean().nullable(),
  }),
  sessions: z.array(sessionRowSchema),
  offlineSessions: z.array(sessionRowSchema),
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
  /** Also end the user's offline sessions (Keycloak's user logout leaves them alive). */
  includeOffline: z.boolean().default(false),
}).strict();
export type LogoutUserBody = z.input<typeof logoutUserBodySchema>;

export const logoutUserResponseSchema = z.object({
  userId: z.string(),
  username: z.string(),
  endedRegular: z.number().int(),
  endedOffline: z.number().int(),
  /** Client ids whose offline access was revoked. */
  offlineClients: z.array(z.string()),
});
export type LogoutUserResponse = z.infer<typeof logoutUserResponseSchema>;
