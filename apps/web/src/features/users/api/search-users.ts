import type { UserSearchResponse } from '@session-desk/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';

/** GET /api/realms/:realm/users?q=: users whose username, email or name match. */
export function searchUsers(realm: string, q: string, { signal }: { signal?: AbortSignal } = {}): Promise<UserSearchResponse> {
  const search = new URLSearchParams({ q: q.trim() });
  return api.get<UserSearchResponse>(`/api/realms/${encodeURIComponent(realm)}/users?${search.toString()}`, { signal });
}

export function searchUsersQueryOptions(realm: string, q: string) {
  const query = q.trim();
  return queryOptions({
    queryKey: queryKeys.userSearch(realm, query),
    queryFn: ({ signal }) => searchUsers(realm, query, { signal }),
    // The API needs something to search for.
    enabled: query.length > 0,
    // Keep the last results visible while the next search runs (same realm only).
    placeholderData: (previous, previousQuery) => (previousQuery?.queryKey[1] === realm ? previous : undefined),
  });
}

export function useSearchUsers(realm: string, q: string) {
  return useQuery(searchUsersQueryOptions(realm, q));
}
