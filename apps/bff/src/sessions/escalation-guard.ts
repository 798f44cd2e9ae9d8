import type { Operator } from '../auth/operator.js';
import { HttpError } from '../http/errors.js';
import type { KeycloakSessions } from '../keycloak/sessions-api.js';

/**
 * The target as the policy's escalation guard needs it, read from Keycloak now (just before acting,
 * so a role or group membership gained a moment ago counts). Administrators may act on anyone, so
 * for them nothing is read and the answer is undefined. Throws HttpError when Keycloak cannot tell
 * (see `KeycloakSessions.isConsoleAdmin`): callers refuse the action, fail closed.
 */
export async function targetForPolicy(
  keycloak: Pick<KeycloakSessions, 'isConsoleAdmin'>,
  operator: Pick<Operator, 'roles'>,
  realm: string,
  userId: string,
): Promise<{ isConsoleAdmin: boolean } | undefined> {
  if (operator.roles.includes('admin')) return undefined;
  return { isConsoleAdmin: await keycloak.isConsoleAdmin(realm, userId) };
}

/**
 * A failure of the guard as the HTTP answer that refuses the action (502 when Keycloak would not
 * say, 503/504 when it could not be asked), or undefined when the target itself is gone (404),
 * which is not a refusal.
 */
export function guardRefusal(err: unknown): HttpError | undefined {
  if (err instanceof HttpError) return err.status === 404 ? undefined : err;
  return new HttpError(502, 'escalation_guard_unavailable', 'Session Desk could not tell whether this user administers the console, so nothing was changed.', { cause: err });
}
