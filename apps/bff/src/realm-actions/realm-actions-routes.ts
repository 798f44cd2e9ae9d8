import { Router } from 'express';
import { realmActionBodySchema, realmNameSchema } from '@session-desk/contracts';
import { parse } from '../http/parse.js';
import { actionOf, type EndpointPolicy } from '../policy/endpoint-policy.js';
import type { RealmActionsService } from './realm-actions-service.js';

/** Mounted under /api/realms: actions on a whole realm. */
export function realmActionsRoutes(realmActions: RealmActionsService, { acts }: EndpointPolicy): Router {
  const router = Router();

  router.post('/:realm/logout-all', acts('realm:logout-all'), async (req, res) => {
    const realm = parse(realmNameSchema, req.params.realm, 'realm name');
    const body = parse(realmActionBodySchema, req.body, 'request body');
    res.json(await realmActions.run(actionOf(req), realm, 'logout-all', body));
  });

  router.post('/:realm/revoke-tokens', acts('realm:revoke-tokens'), async (req, res) => {
    const realm = parse(realmNameSchema, req.params.realm, 'realm name');
    const body = parse(realmActionBodySchema, req.body, 'request body');
    res.json(await realmActions.run(actionOf(req), realm, 'revoke-tokens', body));
  });

  return router;
}
