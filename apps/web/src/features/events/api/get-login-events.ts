import type { LoginEventsResponse } from '@session-desk/contracts';
import { queryKeys } from '@/lib/query-keys';
import type { LoginEventsParams } from '../lib/events-view';
import { eventsRequestUrl, useEventsPage } from './events-page';

/** GET /api/realms/:realm/events: one page of Keycloak's login events, newest first. */
export function useLoginEvents(realm: string, params: LoginEventsParams) {
  const { type, user, client, ip, from, to } = params;
  const url = eventsRequestUrl(realm, 'events', { type, user, client, ip, from, to }, params);
  return useEventsPage<LoginEventsResponse>(queryKeys.loginEvents(realm, { ...params }), url);
}
