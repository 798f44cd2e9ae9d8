import type { RealmActionResponse } from '@session-desk/contracts';
import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import type { RealmActionInput } from './logout-realm';

/**
 * POST /api/realms/:realm/revoke-tokens, body {reason, confirmRealm}: every token issued in the realm
 * until now stops being accepted (Keycloak's "not before"), pushed to the clients that support it.
 */
export function revokeRealmTokens({ realm, reason, confirmRealm }: RealmActionInput): Promise<RealmActionResponse> {
  return api.post<RealmActionResponse>(`/api/realms/${encodeURIComponent(realm)}/revoke-tokens`, { reason, confirmRealm });
}

/**
 * Sessions stay listed but are marked revoked (their tokens are refused), so the realm's session
 * lists and sessions of concern (revoked sessions never count) change, and the audit trail.
 */
export function invalidateAfterTokensRevoked(queryClient: QueryClient, realm: string) {
  const changed = [queryKeys.sessionLists(realm), queryKeys.concerns(realm), queryKeys.auditLists()];
  return Promise.all(changed.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
}

export function useRevokeRealmTokens() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: revokeRealmTokens,
    onSettled: (_result, _error, { realm }) => invalidateAfterTokensRevoked(queryClient, realm),
  });
}
