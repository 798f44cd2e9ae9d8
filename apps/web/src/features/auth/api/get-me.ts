import type { MeResponse } from '@session-desk/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { markSignedIn } from '@/lib/sign-in-redirect';

export const meQueryKey = ['auth', 'me'] as const;

/** GET /api/me: the signed-in operator, or 401 when there is no session. An answer marks this page as signed in (`markSignedIn`). */
export async function getMe({ signal }: { signal?: AbortSignal } = {}): Promise<MeResponse> {
  const me = await api.get<MeResponse>('/api/me', signal ? { signal } : undefined);
  markSignedIn();
  return me;
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
