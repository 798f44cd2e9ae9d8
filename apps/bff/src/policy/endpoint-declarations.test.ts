import type { Request, RequestHandler, Router } from 'express';
import { describe, expect, it } from 'vitest';
import { auditRoutes } from '../audit/audit-routes.js';
import { concernsRoutes } from '../concerns/concerns-routes.js';
import { connectionRoutes } from '../connection/connection-routes.js';
import { eventsRoutes } from '../events/events-routes.js';
import { ipLocationRoutes } from '../geo/ip-location-routes.js';
import { adminHealthRoutes } from '../health/health-routes.js';
import { mySessionsRoutes } from '../my-sessions/my-sessions-routes.js';
import { realmActionsRoutes } from '../realm-actions/realm-actions-routes.js';
import { sessionJobRoutes, sessionJobStartRoutes } from '../session-jobs/session-jobs-routes.js';
import { sessionsRoutes } from '../sessions/sessions-routes.js';
import { usersRoutes } from '../users/users-routes.js';
import type { EndpointPolicy } from './endpoint-policy.js';

/**
 * The specification of each endpoint's permission, written out by hand (not read from the routes):
 * method and path under /api → what the route declares. `reads` any of the listed permissions
 * (`confirmed with Keycloak`: with the roles Keycloak grants at the request);
 * `acts` with the permission the action runner checks. A route added or changed must change this too.
 */
const specification: Record<string, string> = {
  'GET /admin/health': 'reads health:read',
  'GET /admin/connection': 'reads health:read',
  'GET /admin/ip-location': 'reads health:read',
  'GET /me/sessions/': 'reads own-sessions:read',
  'DELETE /me/sessions/:sessionId': 'acts own-sessions:end',
  'GET /realms/:realm/sessions': 'reads sessions:read',
  'GET /realms/:realm/clients/stats': 'reads sessions:read',
  'DELETE /realms/:realm/sessions/:sessionId': 'acts sessions:end',
  'GET /realms/:realm/users': 'reads users:read',
  'GET /realms/:realm/users/:userId': 'reads users:read',
  'POST /realms/:realm/users/:userId/logout': 'acts users:logout',
  'POST /realms/:realm/logout-all': 'acts realm:logout-all',
  'POST /realms/:realm/revoke-tokens': 'acts realm:revoke-tokens',
  'GET /realms/:realm/events': 'reads events:read',
  'GET /realms/:realm/admin-events': 'reads events:read',
  'GET /realms/:realm/concerns': 'reads sessions:read',
  'GET /realms/:realm/concerns/count': 'reads sessions:read',
  'GET /realms/:realm/concerns/settings': 'reads sessions:read',
  'PUT /realms/:realm/concerns/settings': 'acts concerns:configure',
  'POST /realms/:realm/session-jobs': 'acts bulk:end (chosen sessions) | bulk:end-all-matching (a filter)',
  'GET /session-jobs/:jobId': 'reads bulk:end',
  'POST /session-jobs/:jobId/cancel': 'guards bulk:end (refusal recorded)',
  'GET /audit/': 'reads audit:read | audit:read-own, confirmed with Keycloak',
  'GET /audit/export': 'reads audit:read | audit:read-own, confirmed with Keycloak',
  'GET /audit/verify': 'reads audit:read, confirmed with Keycloak',
};

/** A policy that only records what each route declares (a route's handlers are never run here). */
function recordingPolicy() {
  const declared = new Map<RequestHandler, string>();
  const tag = (label: string): RequestHandler => {
    const handler: RequestHandler = (_req, _res, next) => next();
    declared.set(handler, label);
    return handler;
  };
  const bodyOf = (body: unknown) => ({ body, params: {} }) as unknown as Request;
  const policy: EndpointPolicy = {
    reads: (...anyOf) => tag(`reads ${anyOf.join(' | ')}`),
    confirmedReads: (...anyOf) => tag(`reads ${anyOf.join(' | ')}, confirmed with Keycloak`),
    guards: (permission) => tag(`guards ${permission} (refusal recorded)`),
    acts: (permission) =>
      tag(
        typeof permission === 'string'
          ? `acts ${permission}`
          : `acts ${permission(bodyOf({ sessionIds: ['s'] }))} (chosen sessions) | ${permission(bodyOf({ filter: { search: 'x' } }))} (a filter)`,
      ),
  };
  return { policy, declared };
}

interface RouteLayer {
  route?: { path: string; methods: Record<string, boolean>; stack: { handle: RequestHandler }[] };
}

/** Method and path of every route of the routers, with what its handlers declare ('none' when nothing). */
function declarations(mounted: [string, Router][], declared: Map<RequestHandler, string>): Record<string, string> {
  const found: Record<string, string> = {};
  for (const [prefix, router] of mounted) {
    for (const layer of router.stack as RouteLayer[]) {
      if (!layer.route) continue;
      const labels = layer.route.stack.map((handler) => declared.get(handler.handle)).filter((label) => label !== undefined);
      for (const method of Object.keys(layer.route.methods)) {
        found[`${method.toUpperCase()} ${prefix}${layer.route.path}`] = labels.length === 1 ? labels[0]! : `${labels.length} declarations`;
      }
    }
  }
  return found;
}

describe('each endpoint declares its permission where its route is mapped', () => {
  it('matches the written-out specification, route by route, with no route left undeclared', () => {
    const { policy, declared } = recordingPolicy();
    const unused = {} as never;
    const passThrough: RequestHandler = (_req, _res, next) => next();
    const found = declarations(
      [
        ['/admin', adminHealthRoutes(unused, policy)],
        ['/admin', connectionRoutes(unused, policy)],
        ['/admin', ipLocationRoutes(unused, policy)],
        ['/me/sessions', mySessionsRoutes(unused, policy)],
        ['/realms', sessionJobStartRoutes(unused, policy, { bodyLimitBytes: 1024, rateLimit: passThrough })],
        ['/realms', sessionsRoutes(unused, policy)],
        ['/realms', usersRoutes(unused, policy)],
        ['/realms', realmActionsRoutes(unused, policy)],
        ['/realms', eventsRoutes(unused, policy)],
        ['/realms', concernsRoutes(unused, policy)],
        ['/session-jobs', sessionJobRoutes(unused, policy)],
        ['/audit', auditRoutes(unused, policy)],
      ],
      declared,
    );
    expect(found).toEqual(specification);
  });
});
