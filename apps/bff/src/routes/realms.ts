import { Router } from 'express';
import {
  endSessionBodySchema,
  endSessionQuerySchema,
  logoutUserBodySchema,
  realmActionBodySchema,
  realmNameSchema,
  sessionIdSchema,
  sessionListQuerySchema,
  userDetailQuerySchema,
  userIdSchema,
  userSearchQuerySchema,
} from '@session-desk/contracts';
import { currentOperator } from '../auth/require-operator.js';
import { parse } from '../http/parse.js';
import type { SessionDesk } from '../sessions/session-desk.js';
import { actionContext } from './action-context.js';

export function realmRoutes(desk: SessionDesk): Router {
  const router = Router();
  const realmOf = (value: unknown) => parse(realmNameSchema, value, 'realm name');

  router.get('/', (req, res) => {
    res.json(desk.realms(currentOperator(req)));
  });

  router.get('/:realm/sessions', async (req, res) => {
    const realm = realmOf(req.params.realm);
    const query = parse(sessionListQuerySchema, req.query, 'session query');
    res.json(await desk.listSessions(currentOperator(req), realm, query));
  });

  router.delete('/:realm/sessions/:sessionId', async (req, res) => {
    const realm = realmOf(req.params.realm);
    const sessionId = parse(sessionIdSchema, req.params.sessionId, 'session id');
    const { offline } = parse(endSessionQuerySchema, req.query, 'query');
    const body = parse(endSessionBodySchema, req.body, 'request body');
    res.json(await desk.endSession(actionContext(req), realm, sessionId, offline, body));
  });

  router.get('/:realm/clients/stats', async (req, res) => {
    res.json(await desk.clientStats(currentOperator(req), realmOf(req.params.realm)));
  });

  router.get('/:realm/users', async (req, res) => {
    const realm = realmOf(req.params.realm);
    const { q, max } = parse(userSearchQuerySchema, req.query, 'user search');
    res.json(await desk.searchUsers(currentOperator(req), realm, q, max));
  });

  router.get('/:realm/users/:userId', async (req, res) => {
    const realm = realmOf(req.params.realm);
    const userId = parse(userIdSchema, req.params.userId, 'user id');
    const page = parse(userDetailQuerySchema, req.query, 'user query');
    res.json(await desk.userDetail(currentOperator(req), realm, userId, page));
  });

  router.post('/:realm/users/:userId/logout', async (req, res) => {
    const realm = realmOf(req.params.realm);
    const userId = parse(userIdSchema, req.params.userId, 'user id');
    const body = parse(logoutUserBodySchema, req.body, 'request body');
    res.json(await desk.logoutUser(actionContext(req), realm, userId, body));
  });

  router.post('/:realm/logout-all', async (req, res) => {
    const realm = realmOf(req.params.realm);
    const body = parse(realmActionBodySchema, req.body, 'request body');
    res.json(await desk.realmAction(actionContext(req), realm, 'logout-all', body));
  });

  router.post('/:realm/revoke-tokens', async (req, res) => {
    const realm = realmOf(req.params.realm);
    const body = parse(realmActionBodySchema, req.body, 'request body');
    res.json(await desk.realmAction(actionContext(req), realm, 'revoke-tokens', body));
  });

  return router;
}
