import { z } from 'zod';
import { sessionRowSchema } from './sessions.js';

/** GET /api/me/sessions: the operator's own Keycloak sessions. */
export const mySessionRowSchema = sessionRowSchema.extend({
  /** This is the Keycloak session behind the console session making the request. */
  current: z.boolean(),
});
export type MySessionRow = z.infer<typeof mySessionRowSchema>;

export const mySessionsResponseSchema = z.object({
  items: z.array(mySessionRowSchema),
});
export type MySessionsResponse = z.infer<typeof mySessionsResponseSchema>;

/** DELETE /api/me/sessions/:sessionId */
export const endMySessionResponseSchema = z.object({
  ended: z.literal(true),
  sessionId: z.string(),
});
export type EndMySessionResponse = z.infer<typeof endMySessionResponseSchema>;
