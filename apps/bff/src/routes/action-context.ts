import type { Request } from 'express';
import { currentOperator } from '../auth/require-operator.js';
import type { ActionContext } from '../sessions/action-recorder.js';

export function actionContext(req: Request): ActionContext {
  return { operator: currentOperator(req), requestId: String(req.id), ip: req.ip ?? req.socket.remoteAddress ?? '' };
}
