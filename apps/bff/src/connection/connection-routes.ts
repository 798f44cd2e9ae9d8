import { Router } from 'express';
import type { ConnectionResponse } from '@session-desk/contracts';
import type { EndpointPolicy } from '../policy/endpoint-policy.js';
import { noQuery } from '../http/parse.js';

/**
 * GET /api/admin/connection: the doctor's checks run now by this BFF (permission `health:read`,
 * admins). 200 with the report whenever the checks ran, also when some failed (`ok: false`): the
 * failing check is the answer, so a slow or absent Keycloak still gets a quick, complete page.
 */
export function connectionRoutes(check: () => Promise<ConnectionResponse>, { reads }: EndpointPolicy): Router {
  const router = Router();
  router.get('/connection', reads('health:read'), noQuery, async (_req, res) => {
    res.json(await check());
  });
  return router;
}
