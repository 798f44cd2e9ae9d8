import type { Permission } from '@session-desk/contracts';
import type { AuditIntent, AuditTrail } from '../audit/audit-trail.js';
import type { Operator } from '../auth/operator.js';
import { HttpError } from '../http/errors.js';
import type { KeycloakSessions } from '../keycloak/sessions-api.js';
import { decide } from '../policy/decide.js';
import type { ActionContext } from './action-context.js';

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

/**
 * The escalation guard for one action on one user, read from Keycloak just before acting: the
 * policy's answer with the target as Keycloak sees it now. A refusal (the policy's, or a guard
 * that cannot tell) is recorded in the trail and returned as the HTTP error to answer with; a
 * target that is gone (404) is thrown as it is.
 */
export async function guardTarget(
  deps: { keycloak: Pick<KeycloakSessions, 'isConsoleAdmin'>; trail: Pick<AuditTrail, 'refuse'>; managedRealms: readonly string[] },
  context: ActionContext,
  permission: Permission,
  intent: AuditIntent,
  userId: string,
): Promise<{ allowed: true } | { allowed: false; refusal: HttpError }> {
  let target: { isConsoleAdmin: boolean } | undefined;
  try {
    target = await targetForPolicy(deps.keycloak, context.operator, intent.realm, userId);
  } catch (err) {
    const refusal = guardRefusal(err);
    if (!refusal) throw err;
    await deps.trail.refuse(context.actor, intent, refusal.message);
    return { allowed: false, refusal };
  }
  const decision = decide({ operator: context.operator, permission, realm: intent.realm, managedRealms: deps.managedRealms, target });
  if (decision.allowed) return { allowed: true };
  await deps.trail.refuse(context.actor, intent, decision.reason);
  return { allowed: false, refusal: new HttpError(decision.status, decision.code, decision.reason) };
}
