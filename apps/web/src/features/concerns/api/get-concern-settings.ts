import { concernSettingsResponseSchema, type ConcernSettingsResponse } from '@session-desk/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';

/** GET /api/realms/:realm/concerns/settings: each rule on or off with its tunables, the defaults, and the last change. */
export function getConcernSettings(realm: string, { signal }: { signal?: AbortSignal } = {}): Promise<ConcernSettingsResponse> {
  return api.get(`/api/realms/${encodeURIComponent(realm)}/concerns/settings`, concernSettingsResponseSchema, { signal });
}

export function concernSettingsQueryOptions(realm: string) {
  return queryOptions({
    queryKey: queryKeys.concernSettings(realm),
    queryFn: ({ signal }) => getConcernSettings(realm, { signal }),
  });
}

export function useConcernSettings(realm: string) {
  return useQuery(concernSettingsQueryOptions(realm));
}
