import type { AuditVerifyResponse } from '@session-desk/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGetter } from '@/lib/api-client';
import { onRequestOnly } from '@/lib/query-policies';
import { queryKeys } from '@/lib/query-keys';

/** GET /api/audit/verify: recomputes the hash chain of the whole trail (audit:read). */
export const verifyAudit = apiGetter<AuditVerifyResponse>('/api/audit/verify');

export function verifyAuditQueryOptions() {
  return queryOptions({
    queryKey: queryKeys.auditVerify(),
    queryFn: ({ signal }) => verifyAudit({ signal }),
    // A check is a moment in time: run it when asked, never behind the operator's back.
    ...onRequestOnly,
    gcTime: 0,
  });
}

/** Runs only once `requested`; `refetch()` checks again. */
export function useVerifyAudit(requested: boolean) {
  return useQuery({ ...verifyAuditQueryOptions(), enabled: requested });
}
