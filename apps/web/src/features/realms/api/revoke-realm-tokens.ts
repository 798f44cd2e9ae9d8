import { realmActionResponseSchema, type RealmActionResponse } from '@session-desk/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import type { RealmActionInput } from './logout-realm';

/**
 * POST /api/realms/:realm/revoke-tokens, body {reason, confirmRealm}: every token issued in the realm
 * until now stops being accepted (Keycloak's "not before"), pushed to the clients that support it.
 */
export function revokeRealmTokens({ realm, reason, confirmRealm }: RealmActionInput): Promise<RealmActionResponse> {
  return api.post(`/api/realms/${encodeURIComponent(realm)}/revoke-tokens`, { reason, confirmRealm }, realmActionResponseSchema);
}

/** Sessions stay listed (tokens are refused, sessions are not ended); only the audit trail changes. */
export function useRevokeRealmTokens() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: revokeRealmTokens,
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.auditLists() }),
  });
}
