import { adminEventsResponseSchema, type AdminEventsResponse } from '@session-desk/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import type { AdminEventsParams } from '../lib/events-view';

export function adminEventsUrl(realm: string, { operation, resourceType, from, to, first, max }: AdminEventsParams): string {
  const search = new URLSearchParams();
  if (operation) search.set('operation', operation);
  if (resourceType) search.set('resourceType', resourceType);
  if (from) search.set('from', from);
  if (to) search.set('to', to);
  search.set('first', String(first));
  search.set('max', String(max));
  return `/api/realms/${encodeURIComponent(realm)}/admin-events?${search.toString()}`;
}

/** GET /api/realms/:realm/admin-events: one page of Keycloak's admin events, newest first. */
export function getAdminEvents(realm: string, params: AdminEventsParams, { signal }: { signal?: AbortSignal } = {}): Promise<AdminEventsResponse> {
  return api.get(adminEventsUrl(realm, params), adminEventsResponseSchema, { signal });
}

export function adminEventsQueryOptions(realm: string, params: AdminEventsParams) {
  return queryOptions({
    queryKey: queryKeys.adminEvents(realm, { ...params }),
    queryFn: ({ signal }) => getAdminEvents(realm, params, { signal }),
    staleTime: 15_000,
    placeholderData: (previous, previousQuery) => (previousQuery?.queryKey[1] === realm ? previous : undefined),
  });
}

export function useAdminEvents(realm: string, params: AdminEventsParams) {
  return useQuery(adminEventsQueryOptions(realm, params));
}
