import type { SessionJob, SessionType } from '@session-desk/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';

/** "Every session matching this search" (admins only): the same q / client / type as the list. */
export interface SessionJobFilter {
  q?: string;
  client?: string;
  type?: SessionType;
  country?: string;
  network?: string;
}

export type StartSessionJobInput =
  | { realm: string; reason: string; sessions: Array<{ id: string; type: SessionType }> }
  | { realm: string; reason: string; filter: SessionJobFilter; confirmRealm?: string };

/**
 * POST /api/realms/:realm/session-jobs, body {reason, sessions} or {reason, filter}: 202 with the
 * job, which then runs on the server (poll GET /api/session-jobs/:jobId).
 */
export function startSessionJob(input: StartSessionJobInput): Promise<SessionJob> {
  const { realm, reason } = input;
  const body =
    'sessions' in input
      ? { reason, sessions: input.sessions }
      : { reason, filter: input.filter, ...(input.confirmRealm === undefined ? {} : { confirmRealm: input.confirmRealm }) };
  return api.post<SessionJob>(`/api/realms/${encodeURIComponent(realm)}/session-jobs`, body);
}

/**
 * Starting changes nothing yet: sessions end while the job runs, and what that changes is
 * invalidated once it stops (see `invalidateAfterJob`). The first progress is put in the cache.
 */
export function useStartSessionJob() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: startSessionJob,
    onSuccess: (job) => queryClient.setQueryData(queryKeys.sessionJob(job.id), job),
    // A refusal (e.g. over the help-desk limit) is recorded in the audit trail.
    onError: () => queryClient.invalidateQueries({ queryKey: queryKeys.auditLists() }),
  });
}
