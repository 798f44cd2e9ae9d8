import { Router } from 'express';
import { realmActionBodySchema } from '@session-desk/contracts';
import { endOwnConsoleSession } from '../auth/end-own-console-session.js';
import { parse } from '../http/parse.js';
import { inRealm } from '../http/realm-route.js';
import { actionOf, type EndpointPolicy } from '../policy/endpoint-policy.js';
import type { RealmAction, RealmActionsService } from './realm-actions-service.js';

/** Mounted under /api/realms: actions on a whole realm. */
export function realmActionsRoutes(realmActions: RealmActionsService, { acts }: EndpointPolicy): Router {
  const router = Router();
  const run = (kind: RealmAction) =>
    inRealm(async (realm, req) => {
      const result = await realmActions.run(actionOf(req), realm, kind, parse(realmActionBodySchema, req.body, 'request body'));
      await endOwnConsoleSession(req, realm, { kind: 'realm' });
      return result;
    });

  router.post('/:realm/logout-all', acts('realm:logout-all'), run('logout-all'));
  router.post('/:realm/revoke-tokens', acts('realm:revoke-tokens'), run('revoke-tokens'));

  return router;
}
