import { z } from 'zod';

/** GET /healthz */
export const healthResponseSchema = z.object({
  status: z.literal('ok'),
  uptimeSeconds: z.number(),
});
export type HealthResponse = z.infer<typeof healthResponseSchema>;

const readinessCheckSchema = z.object({
  ok: z.boolean(),
  message: z.string(),
});

/** GET /readyz (anonymous): ready or not, nothing more. */
export const readyResponseSchema = z.object({
  status: z.enum(['ready', 'not_ready']),
});
export type ReadyResponse = z.infer<typeof readyResponseSchema>;

/** GET /api/admin/health (admins only) and /readyz on the metrics port: what each check found. */
export const readinessResponseSchema = z.object({
  status: z.enum(['ready', 'not_ready']),
  checks: z.object({
    keycloak: readinessCheckSchema,
    serviceAccount: readinessCheckSchema,
  }),
});
export type ReadinessResponse = z.infer<typeof readinessResponseSchema>;
