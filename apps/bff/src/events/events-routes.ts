import { Router } from 'express';
import type { AdminEventsResponse, LoginEventsResponse } from '@session-desk/contracts';
import { adminEventsQuerySchema, loginEventsQuerySchema, realmNameSchema } from '@session-desk/contracts';
import { parse } from '../http/parse.js';
import type { KeycloakEvents } from '../keycloak/events-api.js';
import type { EndpointPolicy } from '../policy/endpoint-policy.js';

/** Keycloak's own events of a managed realm, read-only (admins and auditors). */
export function eventsRoutes(events: KeycloakEvents, { reads }: EndpointPolicy): Router {
  const router = Router();

  router.get('/:realm/events', reads('events:read'), async (req, res) => {
    const realm = parse(realmNameSchema, req.params.realm, 'realm name');
    const query = parse(loginEventsQuerySchema, req.query, 'event query');
    const config = await events.config(realm);
    const page = config.eventsEnabled || query.first > 0 ? await events.loginEvents(realm, query) : { items: [], more: false };
    const body: LoginEventsResponse = { enabled: config.eventsEnabled, ...page, first: query.first, max: query.max };
    res.json(body);
  });

  router.get('/:realm/admin-events', reads('events:read'), async (req, res) => {
    const realm = parse(realmNameSchema, req.params.realm, 'realm name');
    const query = parse(adminEventsQuerySchema, req.query, 'admin event query');
    const config = await events.config(realm);
    const page = config.adminEventsEnabled || query.first > 0 ? await events.adminEvents(realm, query) : { items: [], more: false };
    const body: AdminEventsResponse = { enabled: config.adminEventsEnabled, ...page, first: query.first, max: query.max };
    res.json(body);
  });

  return router;
}
