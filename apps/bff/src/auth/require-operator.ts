import type { Request, RequestHandler } from 'express';
import { unauthenticated } from '../http/errors.js';
import type { Operator } from './operator.js';

/** Answers 401 unless the request belongs to a signed-in operator whose session is within its lifetimes. */
export const requireOperator: RequestHandler = (req, _res, next) => {
  const { operator, absoluteExpiresAt } = req.session ?? {};
  if (!operator) return next(unauthenticated());
  if (absoluteExpiresAt !== undefined && absoluteExpiresAt <= Date.now()) {
    req.session.destroy(() => next(unauthenticated('Your session has ended. Sign in again.')));
    return;
  }
  next();
};

/** The signed-in operator; only valid behind requireOperator. */
export function currentOperator(req: Request): Operator {
  const operator = req.session.operator;
  if (!operator) throw unauthenticated();
  return operator;
}
