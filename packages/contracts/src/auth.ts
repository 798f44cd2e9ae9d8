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

/**
 * Why a browser's sign-in ended on the signed-out page (`/signed-out?reason=`), set by the BFF's
 * /auth/login and /auth/callback: `no-role` (Keycloak signed the person in but grants no console
 * role), `sign-in-expired` (a callback no sign-in here started, replayed, or older than its attempt's
 * lifetime), `sign-in-refused` (Keycloak answered `error=access_denied`), `sign-in-failed` (any other
 * error Keycloak or the code exchange reported), `keycloak-unavailable` (Keycloak could not be
 * reached or did not answer in time) and `store-unavailable` (the operator session could not be stored).
 */
export const signInProblems = ['no-role', 'sign-in-expired', 'sign-in-refused', 'sign-in-failed', 'keycloak-unavailable', 'store-unavailable', 'too-many-sign-ins'] as const;
export type SignInProblem = (typeof signInProblems)[number];
