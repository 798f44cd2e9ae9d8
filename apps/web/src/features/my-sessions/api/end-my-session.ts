import type { EndMySessionResponse } from '@session-desk/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, isApiClientError } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';

export interface EndMySessionInput {
  sessionId: string;
}

/** DELETE /api/me/sessions/:sessionId (the BFF refuses the current one with 400; the UI never offers it). */
export function endMySession({ sessionId }: EndMySessionInput): Promise<EndMySessionResponse> {
  return api.delete<EndMySessionResponse>(`/api/me/sessions/${encodeURIComponent(sessionId)}`, { readJson: true });
}

/**
 * @param operatorRealm the realm the operator's own sessions live in: its session lists and client
 * counts change too.
 */
export function useEndMySession({ operatorRealm }: { operatorRealm?: string | undefined } = {}) {
  const queryClient = useQueryClient();
  const invalidate = () => {
    const pending = [
      queryClient.invalidateQueries({ queryKey: queryKeys.mySessions() }),
      // Recorded as 'own-session.end' in the audit trail.
      queryClient.invalidateQueries({ queryKey: queryKeys.auditLists() }),
    ];
    if (operatorRealm) {
      pending.push(
        queryClient.invalidateQueries({ queryKey: queryKeys.sessionLists(operatorRealm) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.clientStats(operatorRealm) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.concerns(operatorRealm) }),
      );
    }
    return Promise.all(pending);
  };
  return useMutation({
    mutationFn: endMySession,
    onSuccess: () => void invalidate(),
    onError: (error) => {
      if (isApiClientError(error) && error.status === 404) void invalidate();
    },
  });
}
