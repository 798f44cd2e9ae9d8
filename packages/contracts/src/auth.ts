import { z } from 'zod';

/** POST /auth/logout answers where the browser should go next. */
export const logoutResponseSchema = z.object({
  redirectTo: z.string(),
  keycloakSessionEnded: z.boolean(),
});
export type LogoutResponse = z.infer<typeof logoutResponseSchema>;

/** GET /auth/login?returnTo= accepts only same-origin relative paths. */
export const loginQuerySchema = z.object({
  returnTo: z.string().max(2048).optional(),
});
