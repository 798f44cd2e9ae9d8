import type { Request } from 'express';
import { currentOperator } from '../auth/require-operator.js';
import { forbidden } from '../http/errors.js';
import { primaryRole } from '../policy/permissions.js';
import type { AuditActor } from './audit-trail.js';

/** The acting operator, request id and client address of a request behind requireOperator. */
export function auditActorFrom(req: Request): AuditActor {
  const operator = currentOperator(req);
  const role = primaryRole(operator.roles);
  if (!role) throw forbidden('Your account has no Session Desk role.');
  return {
    operator: { id: operator.id, username: operator.username, role },
    requestId: String(req.id ?? ''),
    ip: req.ip ?? '',
  };
}
