import type { Request } from 'express';
import type { Permission } from '@session-desk/contracts';
import { auditActorFrom } from '../audit/audit-actor.js';
import type { AuditActor } from '../audit/audit-trail.js';
import type { Operator } from '../auth/operator.js';
import type { OperatorStanding } from '../auth/operator-recheck.js';
import { currentOperator, currentStanding } from '../auth/require-operator.js';

/**
 * Who acts and under which permission: the operator (for the policy) and their audit identity (for
 * the trail), both updated when the action runner asks Keycloak again (`standing`).
 */
export interface ActionContext {
  operator: Operator;
  actor: AuditActor;
  /** Asks Keycloak for the operator's roles now (see OperatorStanding). */
  standing: Pick<OperatorStanding, 'confirm'>;
  /** The permission the endpoint declares where its route is mapped. */
  permission: Permission;
}

/** The context of a destructive action, with the permission its route declares. */
export function actionContext(req: Request, permission: Permission): ActionContext {
  // Looked up when the action runner asks, so building a context asks nothing of Keycloak.
  const standing = { confirm: () => currentStanding(req).confirm() };
  return { operator: currentOperator(req), actor: auditActorFrom(req), standing, permission };
}
