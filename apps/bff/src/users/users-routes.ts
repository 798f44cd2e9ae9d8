import { Router } from 'express';
import { logoutUserBodySchema, realmNameSchema, userDetailQuerySchema, userIdSchema, userSearchQuerySchema } from '@session-desk/contracts';
import { currentOperator } from '../auth/require-operator.js';
import { parse } from '../http/parse.js';
import { actionOf, type EndpointPolicy } from '../policy/endpoint-policy.js';
import type { UsersService } from './users-service.js';

/** Mounted under /api/realms: the users of a managed realm. */
export function usersRoutes(users: UsersService, { reads, acts }: EndpointPolicy): Router {
  const router = Router();
  const realmOf = (value: unknown) => parse(realmNameSchema, value, 'realm name');
  const userOf = (value: unknown) => parse(userIdSchema, value, 'user id');

  router.get('/:realm/users', reads('users:read'), async (req, res) => {
    const { q, max } = parse(userSearchQuerySchema, req.query, 'user search');
    res.json(await users.search(realmOf(req.params.realm), q, max));
  });

  router.get('/:realm/users/:userId', reads('users:read'), async (req, res) => {
    const userId = userOf(req.params.userId);
    const page = parse(userDetailQuerySchema, req.query, 'user query');
    res.json(await users.detail(currentOperator(req), realmOf(req.params.realm), userId, page));
  });

  router.post('/:realm/users/:userId/logout', acts('users:logout'), async (req, res) => {
    const realm = realmOf(req.params.realm);
    const userId = userOf(req.params.userId);
    const body = parse(logoutUserBodySchema, req.body, 'request body');
    res.json(await users.logout(actionOf(req), realm, userId, body));
  });

  return router;
}
