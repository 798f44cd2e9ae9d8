import { Router } from 'express';
import type { IpLocationInfo } from '@session-desk/contracts';
import type { EndpointPolicy } from '../policy/endpoint-policy.js';
import { noQuery } from '../http/parse.js';

/** GET /api/admin/ip-location: which IP databases locate sessions, their versions and dates (permission `health:read`, admins). */
export function ipLocationRoutes(info: IpLocationInfo, { reads }: EndpointPolicy): Router {
  const router = Router();
  router.get('/ip-location', reads('health:read'), noQuery, (_req, res) => {
    res.json(info);
  });
  return router;
}
