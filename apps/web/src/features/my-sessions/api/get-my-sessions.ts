import type { MySessionsResponse } from '@session-desk/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGetter } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';

/** GET /api/me/sessions: the operator's own Keycloak sessions, the current one flagged. */
export const getMySessions = apiGetter<MySessionsResponse>('/api/me/sessions');

export function mySessionsQueryOptions() {
  return queryOptions({
    queryKey: queryKeys.mySessions(),
    queryFn: ({ signal }) => getMySessions({ signal }),
    staleTime: 0,
  });
}

export function useMySessions() {
  return useQuery(mySessionsQueryOptions());
}
