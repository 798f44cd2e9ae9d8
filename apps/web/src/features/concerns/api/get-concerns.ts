import type { ConcernCountResponse, ConcernListResponse, ConcernRuleId } from '@session-desk/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';

/** GET /api/realms/:realm/concerns[?rule=]: every case flagged in the realm now, rule by rule, with its reason and sessions. */
export function getConcerns(realm: string, rule?: ConcernRuleId, { signal }: { signal?: AbortSignal } = {}): Promise<ConcernListResponse> {
  const query = rule ? `?${new URLSearchParams({ rule })}` : '';
  return api.get<ConcernListResponse>(`/api/realms/${encodeURIComponent(realm)}/concerns${query}`, { signal });
}

/** Refreshed like the session list: the rules run over the realm's snapshot, which follows Keycloak. */
export function concernsQueryOptions(realm: string, rule?: ConcernRuleId) {
  return queryOptions({
    queryKey: queryKeys.concernList(realm, rule),
    queryFn: async ({ signal, client }) => {
      const list = await getConcerns(realm, rule, { signal });
      // The navigation's badge refetches once a minute; the whole list is the same evaluation, so the badge shows its count now.
      if (rule === undefined) client.setQueryData<ConcernCountResponse>(queryKeys.concernCount(realm), { realm: list.realm, count: list.items.length, byRule: list.byRule });
      return list;
    },
    refetchInterval: 15_000,
    refetchIntervalInBackground: false,
  });
}

export function useConcerns(realm: string, rule?: ConcernRuleId) {
  return useQuery(concernsQueryOptions(realm, rule));
}
