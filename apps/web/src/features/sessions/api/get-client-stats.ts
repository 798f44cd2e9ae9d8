import type { ClientStatsResponse } from '@session-desk/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { realmApiGetter } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';

/** GET /api/realms/:realm/clients/stats: each client with its active and offline session counts. */
export const getClientStats = realmApiGetter<ClientStatsResponse>('clients/stats');

export function clientStatsQueryOptions(realm: string) {
  return queryOptions({ queryKey: queryKeys.clientStats(realm), queryFn: ({ signal }) => getClientStats(realm, { signal }), staleTime: 15_000 });
}

export function useClientStats(realm: string) {
  return useQuery(clientStatsQueryOptions(realm));
}
