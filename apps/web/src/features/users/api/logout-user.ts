import type { LogoutUserResponse } from '@session-desk/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';

export interface LogoutUserInput {
  realm: string;
  userId: string;
  reason: string;
  includeOffline: boolean;
}

/** POST /api/realms/:realm/users/:userId/logout, body {reason, includeOffline}. */
export function logoutUser({ realm, userId, reason, includeOffline }: LogoutUserInput): Promise<LogoutUserResponse> {
  return api.post<LogoutUserResponse>(`/api/realms/${encodeURIComponent(realm)}/users/${encodeURIComponent(userId)}/logout`, { reason, includeOffline });
}

export function useLogoutUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: logoutUser,
    onSuccess: (_result, { realm, userId }) => {
      void Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.user(realm, userId) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.sessionLists(realm) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.clientStats(realm) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.concerns(realm) }),
        // The logout is recorded (the user page's history shows it).
        queryClient.invalidateQueries({ queryKey: queryKeys.auditLists() }),
      ]);
    },
  });
}
