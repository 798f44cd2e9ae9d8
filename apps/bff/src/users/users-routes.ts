import { Router, type Request } from 'express';
import { logoutUserBodySchema, userDetailQuerySchema, userIdSchema, userSearchQuerySchema } from '@session-desk/contracts';
import { endOwnConsoleSession } from '../auth/end-own-console-session.js';
import { currentOperator } from '../auth/require-operator.js';
import { parse } from '../http/parse.js';
import { inRealm } from '../http/realm-route.js';
import { actionOf, type EndpointPolicy } from '../policy/endpoint-policy.js';
import type { UsersService } from './users-service.js';

/** `inRealm` for a path naming a user too: the realm, then the user id (400 when it is not one). */
const forUser = (answer: (realm: string, userId: string, req: Request) => Promise<unknown>) =>
  inRealm((realm, req) => answer(realm, parse(userIdSchema, req.params.userId, 'user id'), req));

/** Mounted under /api/realms: the users of a managed realm. */
export function usersRoutes(users: UsersService, { reads, acts }: EndpointPolicy): Router {
  const router = Router();

  router.get(
    '/:realm/users',
    reads('users:read'),
    inRealm((realm, req) => {
      const { q, max } = parse(userSearchQuerySchema, req.query, 'user search');
      return users.search(realm, q, max);
    }),
  );

  router.get(
    '/:realm/users/:userId',
    reads('users:read'),
    forUser((realm, userId, req) => users.detail(currentOperator(req), realm, userId, parse(userDetailQuerySchema, req.query, 'user query'))),
  );

  router.post(
    '/:realm/users/:userId/logout',
    acts('users:logout'),
    forUser(async (realm, userId, req) => {
      const loggedOut = await users.logout(actionOf(req), realm, userId, parse(logoutUserBodySchema, req.body, 'request body'));
      await endOwnConsoleSession(req, realm, { kind: 'user', userId });
      return loggedOut;
    }),
  );

  return router;
}
