import { Router } from 'express';
import { endSessionBodySchema, endSessionQuerySchema, sessionIdSchema, sessionListQuerySchema } from '@session-desk/contracts';
import { endOwnConsoleSession } from '../auth/end-own-console-session.js';
import { parse, noQuery } from '../http/parse.js';
import { inRealm } from '../http/realm-route.js';
import { actionOf, type EndpointPolicy } from '../policy/endpoint-policy.js';
import type { SessionsService } from './sessions-service.js';

/** Mounted under /api/realms: the sessions of a managed realm. */
export function sessionsRoutes(sessions: SessionsService, { reads, acts }: EndpointPolicy): Router {
  const router = Router();

  router.get('/:realm/sessions', reads('sessions:read'), inRealm((realm, req) => sessions.listText(realm, parse(sessionListQuerySchema, req.query, 'session query'))));
  router.get('/:realm/clients/stats', reads('sessions:read'), noQuery, inRealm((realm) => sessions.clientStats(realm)));

  router.delete(
    '/:realm/sessions/:sessionId',
    acts('sessions:end'),
    inRealm(async (realm, req) => {
      const sessionId = parse(sessionIdSchema, req.params.sessionId, 'session id');
      const { offline } = parse(endSessionQuerySchema, req.query, 'query');
      const body = parse(endSessionBodySchema, req.body, 'request body');
      const ended = await sessions.end(actionOf(req), realm, sessionId, offline, body);
      await endOwnConsoleSession(req, realm, { kind: 'session', sessionId });
      return ended;
    }),
  );

  return router;
}
