import type { RealmsResponse } from '@session-desk/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGetter } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';

/** GET /api/realms: the realms the operator may look at, with what they may do in each. */
export const getRealms = apiGetter<RealmsResponse>('/api/realms');

export function realmsQueryOptions() {
  return queryOptions({
    queryKey: queryKeys.realmList(),
    queryFn: ({ signal }) => getRealms({ signal }),
    // Realms come and go with configuration changes, not minute by minute.
    staleTime: 5 * 60_000,
  });
}

export function useRealms() {
  return useQuery(realmsQueryOptions());
}
