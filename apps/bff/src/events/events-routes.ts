import { Router } from 'express';
import type { AdminEventsResponse, LoginEventsResponse } from '@session-desk/contracts';
import { adminEventsQuerySchema, loginEventsQuerySchema } from '@session-desk/contracts';
import { parse } from '../http/parse.js';
import { inRealm } from '../http/realm-route.js';
import type { KeycloakEvents } from '../keycloak/events-api.js';
import type { EndpointPolicy } from '../policy/endpoint-policy.js';

/**
 * One page of events: read from Keycloak while the realm records them (or for a later page, which
 * can only come from an earlier answer); otherwise empty, with `enabled: false` to explain why.
 */
async function eventsPage<T>(enabled: boolean, query: { first: number; max: number }, read: () => Promise<{ items: T[]; more: boolean }>) {
  const page = enabled || query.first > 0 ? await read() : { items: [], more: false };
  return { enabled, ...page, first: query.first, max: query.max };
}

/** Keycloak's own events of a managed realm, read-only (admins and auditors). */
export function eventsRoutes(events: KeycloakEvents, { reads }: EndpointPolicy): Router {
  const router = Router();

  router.get(
    '/:realm/events',
    reads('events:read'),
    inRealm(async (realm, req): Promise<LoginEventsResponse> => {
      const query = parse(loginEventsQuerySchema, req.query, 'event query');
      const config = await events.config(realm);
      return eventsPage(config.eventsEnabled, query, () => events.loginEvents(realm, query));
    }),
  );

  router.get(
    '/:realm/admin-events',
    reads('events:read'),
    inRealm(async (realm, req): Promise<AdminEventsResponse> => {
      const query = parse(adminEventsQuerySchema, req.query, 'admin event query');
      const { adminEventsEnabled } = await events.config(realm);
      return eventsPage(adminEventsEnabled, query, () => events.adminEvents(realm, query));
    }),
  );

  return router;
}
