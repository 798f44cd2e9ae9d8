import type { MeResponse } from '@session-desk/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';

export const meQueryKey = ['auth', 'me'] as const;

/** GET /api/me: the signed-in operator, or 401 when there is no session. */
export function getMe({ signal }: { signal?: AbortSignal } = {}): Promise<MeResponse> {
  return api.get<MeResponse>('/api/me', signal ? { signal } : undefined);
}

export function meQueryOptions() {
  return queryOptions({
    queryKey: meQueryKey,
    queryFn: ({ signal }) => getMe({ signal }),
    // The operator rarely changes; re-checking on window focus is enough to notice an ended session.
    staleTime: 5 * 60_000,
    refetchOnWindowFocus: true,
  });
}

export function useMe() {
  return useQuery(meQueryOptions());
}
