import { clientStatsResponseSchema, type ClientStatsResponse } from '@session-desk/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';

/** GET /api/realms/:realm/clients/stats: each client with its active and offline session counts. */
export function getClientStats(realm: string, { signal }: { signal?: AbortSignal } = {}): Promise<ClientStatsResponse> {
  return api.get(`/api/realms/${encodeURIComponent(realm)}/clients/stats`, clientStatsResponseSchema, { signal });
}

export function clientStatsQueryOptions(realm: string) {
  return queryOptions({
    queryKey: queryKeys.clientStats(realm),
    queryFn: ({ signal }) => getClientStats(realm, { signal }),
    staleTime: 15_000,
  });
}

export function useClientStats(realm: string) {
  return useQuery(clientStatsQueryOptions(realm));
}
