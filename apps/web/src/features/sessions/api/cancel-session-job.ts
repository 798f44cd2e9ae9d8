import type { SessionJob } from '@session-desk/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';

/**
 * POST /api/session-jobs/:jobId/cancel: no new items are started; the ones in flight finish. The
 * answer may still say 'running' for a moment; polling shows when it has stopped.
 */
export function cancelSessionJob({ jobId }: { jobId: string }): Promise<SessionJob> {
  return api.post<SessionJob>(`/api/session-jobs/${encodeURIComponent(jobId)}/cancel`, undefined);
}

export function useCancelSessionJob() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: cancelSessionJob,
    onSuccess: (job) => queryClient.setQueryData(queryKeys.sessionJob(job.id), job),
  });
}
