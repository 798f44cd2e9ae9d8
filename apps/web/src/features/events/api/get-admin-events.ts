import type { AdminEventsResponse } from '@session-desk/contracts';
import { queryKeys } from '@/lib/query-keys';
import type { AdminEventsParams } from '../lib/events-view';
import { eventsRequestUrl, useEventsPage } from './events-page';

/** GET /api/realms/:realm/admin-events: one page of Keycloak's admin events, newest first. */
export function useAdminEvents(realm: string, params: AdminEventsParams) {
  const { operation, resourceType, from, to } = params;
  const url = eventsRequestUrl(realm, 'admin-events', { operation, resourceType, from, to }, params);
  return useEventsPage<AdminEventsResponse>(queryKeys.adminEvents(realm, { ...params }), url);
}
