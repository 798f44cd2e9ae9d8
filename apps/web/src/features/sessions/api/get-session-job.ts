import type { SessionJob } from '@session-desk/contracts';
import { queryOptions, useQuery, type QueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';

/** How often a running job is asked for its progress. */
export const JOB_POLL_INTERVAL_MS = 500;

/** GET /api/session-jobs/:jobId: progress while running; every item's outcome once stopped. */
export function getSessionJob(jobId: string, { signal }: { signal?: AbortSignal } = {}): Promise<SessionJob> {
  return api.get<SessionJob>(`/api/session-jobs/${encodeURIComponent(jobId)}`, { signal });
}

export function isJobRunning(job: SessionJob | undefined): boolean {
  return job?.state === 'running';
}

export function sessionJobQueryOptions(jobId: string) {
  return queryOptions({
    queryKey: queryKeys.sessionJob(jobId),
    queryFn: ({ signal }) => getSessionJob(jobId, { signal }),
    // Poll while it runs (also in a background tab: the operator is waiting for it), then stop.
    refetchInterval: (query) => (isJobRunning(query.state.data) ? JOB_POLL_INTERVAL_MS : false),
    refetchIntervalInBackground: true,
    refetchOnWindowFocus: false,
    staleTime: 0,
  });
}

export function useSessionJob(jobId: string) {
  return useQuery(sessionJobQueryOptions(jobId));
}

/**
 * What a stopped job changed: the realm's session lists, client counts and sessions of concern, the pages of the users
 * whose sessions it ended, and the audit trail (one record per item).
 */
export function invalidateAfterJob(queryClient: QueryClient, job: SessionJob) {
  const userIds = new Set(job.items.flatMap((item) => (item.userId ? [item.userId] : [])));
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: queryKeys.sessionLists(job.realm) }),
    queryClient.invalidateQueries({ queryKey: queryKeys.clientStats(job.realm) }),
    queryClient.invalidateQueries({ queryKey: queryKeys.concerns(job.realm) }),
    queryClient.invalidateQueries({ queryKey: queryKeys.auditLists() }),
    ...[...userIds].map((userId) => queryClient.invalidateQueries({ queryKey: queryKeys.user(job.realm, userId) })),
  ]);
}
