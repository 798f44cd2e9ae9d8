import { Router } from 'express';
import { permissionsFor, primaryRole, rolesGrant, type MeResponse } from '@session-desk/contracts';
import type { Config } from '../config.js';
import { HttpError } from '../http/errors.js';
import { currentOperator } from './require-operator.js';
import { noQuery } from '../http/parse.js';

/** GET /api/me: the signed-in operator, with the permissions the contracts' role-grant table gives their roles. */
export function meRoutes(config: Config): Router {
  const router = Router();

  router.get('/', noQuery, (req, res) => {
    const operator = currentOperator(req);
    const role = primaryRole(operator.roles);
    if (!role) throw new HttpError(403, 'forbidden', 'Your account has no Session Desk role.');
    const idleEnd = Date.now() + config.session.idleMs;
    const absoluteEnd = req.session.absoluteExpiresAt ?? Number.POSITIVE_INFINITY;
    const expiresAt = Math.min(idleEnd, absoluteEnd);
    const body: MeResponse = {
      id: operator.id,
      username: operator.username,
      name: operator.name,
      email: operator.email,
      roles: operator.roles,
      primaryRole: role,
      permissions: permissionsFor(operator.roles),
      realm: operator.realm,
      sessionExpiresAt: new Date(expiresAt).toISOString(),
      sessionExpiresBy: absoluteEnd <= idleEnd ? 'absolute' : 'idle',
      currentSessionId: req.session.keycloakSessionId ?? null,
      limits: { bulkMaxSessions: rolesGrant(operator.roles, 'bulk:end-all-matching') ? null : config.bulk.helpdeskLimit },
    };
    res.json(body);
  });

  return router;
}
