import type { ConnectionResponse } from '@session-desk/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGetter } from '@/lib/api-client';
import { onRequestOnly } from '@/lib/query-policies';
import { queryKeys } from '@/lib/query-keys';

/** GET /api/admin/connection: the BFF runs the doctor's checks now (bounded in time by the BFF). */
export const getConnection = apiGetter<ConnectionResponse>('/api/admin/connection');

export function connectionQueryOptions() {
  // Each run asks Keycloak a dozen questions per realm: only when the page opens or on "Check again".
  return queryOptions({ queryKey: queryKeys.connection(), queryFn: ({ signal }) => getConnection({ signal }), ...onRequestOnly });
}

export function useConnection() {
  return useQuery(connectionQueryOptions());
}
