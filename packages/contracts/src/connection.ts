import { z } from 'zod';

/** `fail`: something the console needs is missing; `warn`: works, with a caveat; `skip`: could not be checked. */
export const connectionCheckStatusSchema = z.enum(['ok', 'warn', 'fail', 'skip']);
export type ConnectionCheckStatus = z.infer<typeof connectionCheckStatusSchema>;

/** One finding of the connection checks (the same as a line of `npm run doctor`). */
export const connectionCheckSchema = z.object({
  /**
   * Stable id: `keycloak`, `service-token`, `service-role:<realm-management role>`, `events`,
   * `admin-events`, `redirect-uri`, `operator-client`, `backchannel-logout-url`, `backchannel-logout`,
   * `keycloak-version`, `deadline` (Keycloak did not answer every check in time).
   */
  id: z.string(),
  /** The realm it is about, when it is about one. */
  realm: z.string().optional(),
  status: connectionCheckStatusSchema,
  /** What was found and, when not ok, what to do (names the missing role, the expected URL, ...). */
  message: z.string(),
});
export type ConnectionCheck = z.infer<typeof connectionCheckSchema>;

/**
 * GET /api/admin/connection (permission `health:read`, admins): every check of `npm run doctor`,
 * run now by this BFF with its own configuration. Always 200 when the checks ran; `ok` is false
 * when any check failed.
 */
export const connectionResponseSchema = z.object({
  ok: z.boolean(),
  /** The realm operators sign in to (KEYCLOAK_REALM). */
  operatorRealm: z.string(),
  managedRealms: z.array(z.string()),
  /** e.g. `26.7.3`, when it could be read. */
  keycloakVersion: z.string().optional(),
  /** ISO 8601, when the checks started. */
  checkedAt: z.string(),
  /** How long the checks took, in milliseconds. */
  durationMs: z.number().int().nonnegative(),
  checks: z.array(connectionCheckSchema),
});
export type ConnectionResponse = z.infer<typeof connectionResponseSchema>;
