import type { SessionListResponse, SessionSort, SessionType } from '@session-desk/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { env } from '@/config/env';
import { api, isApiClientError } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';

export interface GetSessionsParams {
  realm: string;
  q?: string | undefined;
  /** A clientId, e.g. "demo-portal". */
  client?: string | undefined;
  type?: SessionType | undefined;
  /** A country code or name, `private` or `unknown`. */
  country?: string | undefined;
  /** Part of a network operator's name, or `AS<number>`. */
  network?: string | undefined;
  first: number;
  max: number;
  sort: SessionSort;
}

export function sessionsUrl({ realm, q, client, type, country, network, first, max, sort }: GetSessionsParams): string {
  const search = new URLSearchParams();
  const query = q?.trim();
  if (query) search.set('q', query);
  if (client) search.set('client', client);
  if (type) search.set('type', type);
  if (country?.trim()) search.set('country', country.trim());
  if (network?.trim()) search.set('network', network.trim());
  search.set('first', String(first));
  search.set('max', String(max));
  search.set('sort', sort);
  return `/api/realms/${encodeURIComponent(realm)}/sessions?${search.toString()}`;
}

/** GET /api/realms/:realm/sessions: one page of the realm's sessions, from the BFF's realm snapshot. */
export function getSessions(params: GetSessionsParams, { signal }: { signal?: AbortSignal } = {}): Promise<SessionListResponse> {
  return api.get<SessionListResponse>(sessionsUrl(params), { signal });
}

export function sessionsQueryOptions(params: GetSessionsParams) {
  const { realm, q, client, type, country, network, first, max, sort } = params;
  return queryOptions({
    queryKey: queryKeys.sessionList(realm, {
      q: q?.trim() || undefined,
      client: client || undefined,
      type,
      country: country?.trim() || undefined,
      network: network?.trim() || undefined,
      first,
      max,
      sort,
    }),
    queryFn: ({ signal }) => getSessions(params, { signal }),
    // Live list: refresh while the tab is visible, never in a background tab. An answer the next one
    // would repeat (4xx: a realm not managed, a role without the page) stops it; Keycloak down (5xx) does not.
    refetchInterval: (query) => (isApiClientError(query.state.error) && query.state.error.status >= 400 && query.state.error.status < 500 ? false : env.SESSIONS_REFRESH_INTERVAL_MS),
    refetchIntervalInBackground: false,
    // Keep the rows on screen while the next search, filter or page loads (no jumping or
    // flashing), but never show one realm's sessions under another realm's name.
    placeholderData: (previous, previousQuery) => (previousQuery?.queryKey[1] === realm ? previous : undefined),
  });
}

export function useSessions(params: GetSessionsParams) {
  return useQuery(sessionsQueryOptions(params));
}
