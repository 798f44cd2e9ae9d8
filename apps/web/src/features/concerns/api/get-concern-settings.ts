import type { ConcernSettingsResponse } from '@session-desk/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { realmApiGetter } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';

/** GET /api/realms/:realm/concerns/settings: each rule on or off with its tunables, the defaults, and the last change. */
export const getConcernSettings = realmApiGetter<ConcernSettingsResponse>('concerns/settings');

export function concernSettingsQueryOptions(realm: string) {
  return queryOptions({ queryKey: queryKeys.concernSettings(realm), queryFn: ({ signal }) => getConcernSettings(realm, { signal }) });
}

export function useConcernSettings(realm: string) {
  return useQuery(concernSettingsQueryOptions(realm));
}
