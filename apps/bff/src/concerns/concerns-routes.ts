import { Router } from 'express';
import { concernListQuerySchema, concernSettingsUpdateBodySchema, realmNameSchema } from '@session-desk/contracts';
import { parse } from '../http/parse.js';
import { actionOf, type EndpointPolicy } from '../policy/endpoint-policy.js';
import type { ConcernsService } from './concerns-service.js';

/**
 * Mounted under /api/realms: the sessions of concern of a managed realm. Reading (the page, the
 * navigation badge and the settings) needs `sessions:read`; changing the settings needs
 * `concerns:configure` (admins). Flagged sessions are ended through the sessions and bulk routes.
 */
export function concernsRoutes(concerns: ConcernsService, { reads, acts }: EndpointPolicy): Router {
  const router = Router();
  const realmOf = (value: unknown) => parse(realmNameSchema, value, 'realm name');

  router.get('/:realm/concerns', reads('sessions:read'), async (req, res) => {
    const query = parse(concernListQuerySchema, req.query, 'concern query');
    res.json(await concerns.list(realmOf(req.params.realm), query));
  });

  router.get('/:realm/concerns/count', reads('sessions:read'), async (req, res) => {
    res.json(await concerns.count(realmOf(req.params.realm)));
  });

  router.get('/:realm/concerns/settings', reads('sessions:read'), async (req, res) => {
    res.json(await concerns.settings(realmOf(req.params.realm)));
  });

  router.put('/:realm/concerns/settings', acts('concerns:configure'), async (req, res) => {
    const realm = realmOf(req.params.realm);
    const body = parse(concernSettingsUpdateBodySchema, req.body, 'request body');
    res.json(await concerns.updateSettings(actionOf(req), realm, body));
  });

  return router;
}
