import { Router } from 'express';
import { endSessionBodySchema, endSessionQuerySchema, realmNameSchema, sessionIdSchema, sessionListQuerySchema } from '@session-desk/contracts';
import { parse } from '../http/parse.js';
import { actionOf, type EndpointPolicy } from '../policy/endpoint-policy.js';
import type { SessionsService } from './sessions-service.js';

/** Mounted under /api/realms: the sessions of a managed realm. */
export function sessionsRoutes(sessions: SessionsService, { reads, acts }: EndpointPolicy): Router {
  const router = Router();
  const realmOf = (value: unknown) => parse(realmNameSchema, value, 'realm name');

  router.get('/:realm/sessions', reads('sessions:read'), async (req, res) => {
    const query = parse(sessionListQuerySchema, req.query, 'session query');
    res.json(await sessions.list(realmOf(req.params.realm), query));
  });

  router.get('/:realm/clients/stats', reads('sessions:read'), async (req, res) => {
    res.json(await sessions.clientStats(realmOf(req.params.realm)));
  });

  router.delete('/:realm/sessions/:sessionId', acts('sessions:end'), async (req, res) => {
    const realm = realmOf(req.params.realm);
    const sessionId = parse(sessionIdSchema, req.params.sessionId, 'session id');
    const { offline } = parse(endSessionQuerySchema, req.query, 'query');
    const body = parse(endSessionBodySchema, req.body, 'request body');
    res.json(await sessions.end(actionOf(req), realm, sessionId, offline, body));
  });

  return router;
}
