import { userDetailResponseSchema, type UserDetailResponse } from '@session-desk/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';

/** GET /api/realms/:realm/users/:userId: the user, their sessions and what the operator may do to them. */
export function getUser(realm: string, userId: string, { signal }: { signal?: AbortSignal } = {}): Promise<UserDetailResponse> {
  return api.get(
    `/api/realms/${encodeURIComponent(realm)}/users/${encodeURIComponent(userId)}`,
    userDetailResponseSchema,
    { signal },
  );
}

export function userQueryOptions(realm: string, userId: string) {
  return queryOptions({
    queryKey: queryKeys.user(realm, userId),
    queryFn: ({ signal }) => getUser(realm, userId, { signal }),
    // Read live from Keycloak by the BFF: show what is true now whenever the page is looked at.
    staleTime: 0,
  });
}

export function useUser(realm: string, userId: string) {
  return useQuery(userQueryOptions(realm, userId));
}
