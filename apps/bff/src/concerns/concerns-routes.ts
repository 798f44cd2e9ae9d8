import { Router } from 'express';
import { concernListQuerySchema, concernSettingsUpdateBodySchema } from '@session-desk/contracts';
import { parse, noQuery } from '../http/parse.js';
import { inRealm } from '../http/realm-route.js';
import { actionOf, type EndpointPolicy } from '../policy/endpoint-policy.js';
import type { ConcernsService } from './concerns-service.js';

/**
 * Mounted under /api/realms: the sessions of concern of a managed realm. Reading (the page, the
 * navigation badge and the settings) needs `sessions:read`; changing the settings needs
 * `concerns:configure` (admins). Flagged sessions are ended through the sessions and bulk routes.
 */
export function concernsRoutes(concerns: ConcernsService, { reads, acts }: EndpointPolicy): Router {
  const router = Router();

  router.get('/:realm/concerns', reads('sessions:read'), inRealm((realm, req) => concerns.list(realm, parse(concernListQuerySchema, req.query, 'concern query'))));
  router.get('/:realm/concerns/count', reads('sessions:read'), noQuery, inRealm((realm) => concerns.count(realm)));
  router.get('/:realm/concerns/settings', reads('sessions:read'), noQuery, inRealm((realm) => concerns.settings(realm)));
  router.put(
    '/:realm/concerns/settings',
    acts('concerns:configure'),
    inRealm((realm, req) => concerns.updateSettings(actionOf(req), realm, parse(concernSettingsUpdateBodySchema, req.body, 'request body'))),
  );

  return router;
}
