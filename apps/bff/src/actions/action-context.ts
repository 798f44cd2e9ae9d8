import type { Request } from 'express';
import type { Permission } from '@session-desk/contracts';
import { auditActorFrom } from '../audit/audit-actor.js';
import type { AuditActor } from '../audit/audit-trail.js';
import type { Operator } from '../auth/operator.js';
import { currentOperator } from '../auth/require-operator.js';

/** Who acts and under which permission: the operator (for the policy) and their audit identity (for the trail). */
export interface ActionContext {
  operator: Operator;
  actor: AuditActor;
  /** The permission the endpoint declares where its route is mapped. */
  permission: Permission;
}

/** The context of a destructive action, with the permission its route declares. */
export function actionContext(req: Request, permission: Permission): ActionContext {
  return { operator: currentOperator(req), actor: auditActorFrom(req), permission };
}
