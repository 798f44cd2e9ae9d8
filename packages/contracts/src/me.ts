import { z } from 'zod';
import { permissionSchema, roleSchema } from './role-schemas.js';

/** GET /api/me */
export const meResponseSchema = z.object({
  id: z.string(),
  username: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  roles: z.array(roleSchema),
  /** The role the console treats as the operator's own (the strongest they hold). */
  primaryRole: roleSchema,
  permissions: z.array(permissionSchema),
  realm: z.string(),
  /** When this console session ends if nothing else happens (ISO 8601): the idle timeout from now, or the absolute limit if sooner. */
  sessionExpiresAt: z.string(),
  /** Which limit `sessionExpiresAt` is: `idle` moves later with every request; `absolute` (SESSION_ABSOLUTE_HOURS after sign-in) does not. */
  sessionExpiresBy: z.enum(['idle', 'absolute']),
  /**
   * The operator's own Keycloak session (the `sid` of their sign-in) behind this console session, so
   * that lists can mark it as "this session"; null when Keycloak issued no `sid`.
   */
  currentSessionId: z.string().nullable(),
  limits: z.object({
    /** The most sessions one bulk job of this operator may end; null when unlimited. */
    bulkMaxSessions: z.number().int().nullable(),
  }),
});
export type MeResponse = z.infer<typeof meResponseSchema>;
