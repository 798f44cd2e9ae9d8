import { Router } from 'express';
import { sessionIdSchema } from '@session-desk/contracts';
import { currentOperator } from '../auth/require-operator.js';
import { parse, noQuery } from '../http/parse.js';
import { actionOf, type EndpointPolicy } from '../policy/endpoint-policy.js';
import type { MySessionsService } from './my-sessions-service.js';

/** Mounted under /api/me/sessions: the operator's own sessions. */
export function mySessionsRoutes(mySessions: MySessionsService, { reads, acts }: EndpointPolicy): Router {
  const router = Router();

  router.get('/', reads('own-sessions:read'), noQuery, async (req, res) => {
    res.json(await mySessions.list(currentOperator(req), req.session.keycloakSessionId));
  });

  router.delete('/:sessionId', acts('own-sessions:end'), async (req, res) => {
    const sessionId = parse(sessionIdSchema, req.params.sessionId, 'session id');
    res.json(await mySessions.end(actionOf(req), sessionId, req.session.keycloakSessionId));
  });

  return router;
}
