import type { AuditListResponse } from '@session-desk/contracts';
import { infiniteQueryOptions, keepPreviousData, queryOptions, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import { auditSearchParams, type AuditQuery } from '../lib/audit-filter';

export const AUDIT_PAGE_SIZE = 50;

export interface GetAuditParams extends AuditQuery {
  /** `nextCursor` of the previous (newer) page. */
  cursor?: string | undefined;
  limit?: number | undefined;
}

export function auditUrl({ cursor, limit, ...query }: GetAuditParams): string {
  const search = auditSearchParams(query, { cursor, limit }).toString();
  return search ? `/api/audit?${search}` : '/api/audit';
}

/**
 * GET /api/audit: one page of the trail, newest first. Help-desk operators get only their own
 * entries whatever they ask for (the BFF forces it).
 */
export function getAudit(params: GetAuditParams, { signal }: { signal?: AbortSignal } = {}): Promise<AuditListResponse> {
  return api.get<AuditListResponse>(auditUrl(params), { signal });
}

/** The Audit page: newest first, "Load older" adds the next page and keeps the ones loaded. */
export function auditTrailQueryOptions(query: AuditQuery, limit = AUDIT_PAGE_SIZE) {
  return infiniteQueryOptions({
    queryKey: queryKeys.auditList({ view: 'trail', ...query, limit }),
    queryFn: ({ pageParam, signal }) => getAudit({ ...query, cursor: pageParam, limit }, { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
    // New entries arrive whenever anyone acts; look again when the page is opened.
    staleTime: 0,
    // Keep the rows on screen (dimmed) while another filter loads.
    placeholderData: keepPreviousData,
  });
}

export function useAuditTrail(query: AuditQuery, { enabled = true }: { enabled?: boolean } = {}) {
  return useInfiniteQuery({ ...auditTrailQueryOptions(query), enabled });
}

/** One page only (e.g. a user's recent history on the user page). */
export function auditPageQueryOptions(query: AuditQuery, limit: number) {
  return queryOptions({
    queryKey: queryKeys.auditList({ view: 'page', ...query, limit }),
    queryFn: ({ signal }) => getAudit({ ...query, limit }, { signal }),
    staleTime: 0,
  });
}

export function useAuditPage(query: AuditQuery, limit: number) {
  return useQuery(auditPageQueryOptions(query, limit));
}
