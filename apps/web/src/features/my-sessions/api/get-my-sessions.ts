import { mySessionsResponseSchema, type MySessionsResponse } from '@session-desk/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';

/** GET /api/me/sessions: the operator's own Keycloak sessions, the current one flagged. */
export function getMySessions({ signal }: { signal?: AbortSignal } = {}): Promise<MySessionsResponse> {
  return api.get('/api/me/sessions', mySessionsResponseSchema, { signal });
}

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
