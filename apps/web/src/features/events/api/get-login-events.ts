import { loginEventsResponseSchema, type LoginEventsResponse } from '@session-desk/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import type { LoginEventsParams } from '../lib/events-view';

export function loginEventsUrl(realm: string, { type, user, client, ip, from, to, first, max }: LoginEventsParams): string {
  const search = new URLSearchParams();
  if (type) search.set('type', type);
  if (user) search.set('user', user);
  if (client) search.set('client', client);
  if (ip) search.set('ip', ip);
  if (from) search.set('from', from);
  if (to) search.set('to', to);
  search.set('first', String(first));
  search.set('max', String(max));
  return `/api/realms/${encodeURIComponent(realm)}/events?${search.toString()}`;
}

/** GET /api/realms/:realm/events: one page of Keycloak's login events, newest first. */
export function getLoginEvents(realm: string, params: LoginEventsParams, { signal }: { signal?: AbortSignal } = {}): Promise<LoginEventsResponse> {
  return api.get(loginEventsUrl(realm, params), loginEventsResponseSchema, { signal });
}

export function loginEventsQueryOptions(realm: string, params: LoginEventsParams) {
  return queryOptions({
    queryKey: queryKeys.loginEvents(realm, { ...params }),
    queryFn: ({ signal }) => getLoginEvents(realm, params, { signal }),
    staleTime: 15_000,
    // Keep the rows while the next page or filter loads, within the same realm only.
    placeholderData: (previous, previousQuery) => (previousQuery?.queryKey[1] === realm ? previous : undefined),
  });
}

export function useLoginEvents(realm: string, params: LoginEventsParams) {
  return useQuery(loginEventsQueryOptions(realm, params));
}
