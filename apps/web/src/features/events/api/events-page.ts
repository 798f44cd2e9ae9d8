import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';

/**
 * `/api/realms/:realm/<resource>?…`: each filter that is set, in the order given, then the page
 * (`first`, `max`) always.
 */
export function eventsRequestUrl(
  realm: string,
  resource: 'events' | 'admin-events',
  filters: Readonly<Record<string, string | undefined>>,
  { first, max }: { first: number; max: number },
): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) search.set(key, value);
  search.set('first', String(first));
  search.set('max', String(max));
  return `/api/realms/${encodeURIComponent(realm)}/${resource}?${search.toString()}`;
}

/**
 * One page of Keycloak events (`T`) from `url`. `queryKey[1]` is the realm: the rows
 * stay while the next page or filter loads, within the same realm only.
 */
export function useEventsPage<T>(queryKey: readonly ['realm', string, ...unknown[]], url: string) {
  return useQuery(
    queryOptions({
      queryKey,
      queryFn: ({ signal }) => api.get<T>(url, { signal }),
      staleTime: 15_000,
      placeholderData: (previous, previousQuery) => (previousQuery?.queryKey[1] === queryKey[1] ? previous : undefined),
    }),
  );
}
