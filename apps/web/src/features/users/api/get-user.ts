import type { UserDetailResponse } from '@session-desk/contracts';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';

/** Which page of the user's regular and offline sessions to show (offsets; the BFF's page size). */
export interface UserSessionsPage {
  first: number;
  offlineFirst: number;
}

/** Sessions per page on the user page: a user may hold thousands (scripts that never reuse tokens). */
export const USER_SESSIONS_PAGE_SIZE = 100;

const FIRST_PAGE: UserSessionsPage = { first: 0, offlineFirst: 0 };

/**
 * GET /api/realms/:realm/users/:userId?first&max&offlineFirst&offlineMax: the user, one page of
 * their regular and of their offline sessions (with totals) and what the operator may do to them.
 */
export function getUser(
  realm: string,
  userId: string,
  { signal, page = FIRST_PAGE }: { signal?: AbortSignal; page?: UserSessionsPage } = {},
): Promise<UserDetailResponse> {
  const search = new URLSearchParams({
    first: String(page.first),
    max: String(USER_SESSIONS_PAGE_SIZE),
    offlineFirst: String(page.offlineFirst),
    offlineMax: String(USER_SESSIONS_PAGE_SIZE),
  });
  return api.get<UserDetailResponse>(`/api/realms/${encodeURIComponent(realm)}/users/${encodeURIComponent(userId)}?${search.toString()}`, { signal });
}

export function userQueryOptions(realm: string, userId: string, page: UserSessionsPage = FIRST_PAGE) {
  return queryOptions({
    // Under the user's key, so whatever invalidates the user refreshes every page of it.
    queryKey: [...queryKeys.user(realm, userId), page] as const,
    queryFn: ({ signal }) => getUser(realm, userId, { signal, page }),
    // Read live from Keycloak by the BFF: show what is true now whenever the page is looked at.
    staleTime: 0,
    // Paging keeps the current page on screen until the next one arrives.
    placeholderData: keepPreviousData,
  });
}

export function useUser(realm: string, userId: string, page: UserSessionsPage = FIRST_PAGE) {
  return useQuery(userQueryOptions(realm, userId, page));
}

/**
 * The user's username once their first page has loaded (undefined before, or when it failed): for
 * the page's heading. It shares the first page's query with the detail and never refetches by
 * itself, so paging the detail adds no request.
 */
export function useUsername(realm: string, userId: string): string | undefined {
  return useQuery({ ...userQueryOptions(realm, userId), select: (detail) => detail.user.username, staleTime: Infinity, placeholderData: undefined }).data;
}
