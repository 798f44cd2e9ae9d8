import type { EndSessionResponse } from '@session-desk/contracts';
import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, isApiClientError } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';

export interface EndSessionInput {
  realm: string;
  sessionId: string;
  offline: boolean;
  reason: string;
  /** The session's user, when known (saves the BFF a realm-wide lookup). */
  userId?: string | undefined;
}

/** DELETE /api/realms/:realm/sessions/:sessionId?offline=…, body {reason, userId}. */
export function endSession({ realm, sessionId, offline, reason, userId }: EndSessionInput): Promise<EndSessionResponse> {
  const path = `/api/realms/${encodeURIComponent(realm)}/sessions/${encodeURIComponent(sessionId)}?offline=${offline}`;
  return api.delete<EndSessionResponse>(path, { body: userId ? { reason, userId } : { reason }, readJson: true });
}

/** 404: the session ended before we got to it (the user signed out, it expired, a colleague ended it). */
export function isSessionAlreadyGone(error: unknown): boolean {
  return isApiClientError(error) && error.status === 404;
}

/**
 * What ending one session changes: the realm's session lists, that user's page, the client counts,
 * the sessions of concern (list and count), and the audit trail (the action is recorded).
 */
export function invalidateAfterSessionEnded(queryClient: QueryClient, realm: string, userId: string | undefined) {
  const pending = [
    queryClient.invalidateQueries({ queryKey: queryKeys.sessionLists(realm) }),
    queryClient.invalidateQueries({ queryKey: queryKeys.clientStats(realm) }),
    queryClient.invalidateQueries({ queryKey: queryKeys.concerns(realm) }),
    queryClient.invalidateQueries({ queryKey: queryKeys.auditLists() }),
  ];
  if (userId) pending.push(queryClient.invalidateQueries({ queryKey: queryKeys.user(realm, userId) }));
  return Promise.all(pending);
}

export function useEndSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: endSession,
    onSuccess: (result, input) => {
      void invalidateAfterSessionEnded(queryClient, input.realm, result.userId);
    },
    onError: (error, input) => {
      // Already gone is still a change the lists have not seen yet; a refusal changed nothing.
      if (isSessionAlreadyGone(error)) void invalidateAfterSessionEnded(queryClient, input.realm, input.userId);
    },
  });
}
