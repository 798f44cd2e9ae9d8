import type { RealmActionResponse } from '@session-desk/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';

export interface RealmActionInput {
  realm: string;
  reason: string;
  /** The realm's name as the admin typed it; the BFF refuses the action unless it matches. */
  confirmRealm: string;
}

/** POST /api/realms/:realm/logout-all, body {reason, confirmRealm}: ends every regular session of the realm. */
export function logoutRealm({ realm, reason, confirmRealm }: RealmActionInput): Promise<RealmActionResponse> {
  return api.post<RealmActionResponse>(`/api/realms/${encodeURIComponent(realm)}/logout-all`, { reason, confirmRealm });
}

/**
 * Everyone in the realm is signed out: its session lists, client counts, user pages and sessions of concern change, a
 * record is added to the audit trail, and when the operator signed in through this realm their
 * own sessions are gone too.
 */
export function useLogoutRealm({ operatorRealm }: { operatorRealm?: string | undefined } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: logoutRealm,
    onSettled: (_result, _error, { realm }) => {
      const pending = [
        queryClient.invalidateQueries({ queryKey: queryKeys.sessionLists(realm) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.clientStats(realm) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.users(realm) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.concerns(realm) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.auditLists() }),
      ];
      if (operatorRealm === realm) pending.push(queryClient.invalidateQueries({ queryKey: queryKeys.mySessions() }));
      return Promise.all(pending);
    },
  });
}
