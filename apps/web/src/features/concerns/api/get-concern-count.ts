import type { ConcernCountResponse } from '@session-desk/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { realmApiGetter } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';

/** GET /api/realms/:realm/concerns/count: how many cases are flagged now (the navigation badge). */
export const getConcernCount = realmApiGetter<ConcernCountResponse>('concerns/count');

export function concernCountQueryOptions(realm: string) {
  return queryOptions({
    queryKey: queryKeys.concernCount(realm),
    queryFn: ({ signal }) => getConcernCount(realm, { signal }),
    refetchInterval: 60_000,
    refetchIntervalInBackground: false,
    staleTime: 15_000,
  });
}

/** `enabled: false` (e.g. no realm yet, or no permission) asks nothing. */
export function useConcernCount(realm: string | undefined, enabled = true) {
  return useQuery({ ...concernCountQueryOptions(realm ?? ''), enabled: enabled && realm !== undefined });
}
