import { Router } from 'express';
import { permissionsFor, type RealmsResponse } from '@session-desk/contracts';
import { currentOperator } from '../auth/require-operator.js';
import { noQuery } from '../http/parse.js';

/**
 * GET /api/realms: the managed realms, the default first in the console's choice, each with what
 * the operator may do in it (every signed-in operator; the grants come from the contracts' table).
 */
export function realmsRoutes(managedRealms: readonly string[], defaultRealm: string): Router {
  const router = Router();
  router.get('/', noQuery, (req, res) => {
    const permissions = permissionsFor(currentOperator(req).roles);
    const body: RealmsResponse = { defaultRealm, realms: managedRealms.map((name) => ({ name, isDefault: name === defaultRealm, permissions })) };
    res.json(body);
  });
  return router;
}
