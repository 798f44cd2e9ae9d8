import type { Request } from 'express';
import { auditActorFrom } from '../audit/audit-actor.js';
import { currentOperator } from '../auth/require-operator.js';
import type { ActionContext } from '../sessions/session-desk.js';

export function actionContext(req: Request): ActionContext {
  return { operator: currentOperator(req), actor: auditActorFrom(req) };
}
