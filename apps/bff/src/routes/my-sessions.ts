import { Router } from 'express';
import { sessionIdSchema } from '@session-desk/contracts';
import { currentOperator } from '../auth/require-operator.js';
import { parse } from '../http/parse.js';
import type { SessionDesk } from '../sessions/session-desk.js';
import { actionContext } from './action-context.js';

export function mySessionRoutes(desk: SessionDesk): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    res.json(await desk.mySessions(currentOperator(req), req.session.keycloakSessionId));
  });

  router.delete('/:sessionId', async (req, res) => {
    const sessionId = parse(sessionIdSchema, req.params.sessionId, 'session id');
    res.json(await desk.endMySession(actionContext(req), sessionId, req.session.keycloakSessionId));
  });

  return router;
}
