import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { readAuditFilter, writeAuditFilter, type AuditFilter } from '../lib/audit-filter';

/** The Audit page filter, read from and written to the URL query string. */
export function useAuditFilter() {
  const [params, setParams] = useSearchParams();
  const filter = useMemo(() => readAuditFilter(params), [params]);

  const update = useCallback(
    (patch: Partial<AuditFilter>, options: { replace?: boolean } = {}) => {
      setParams((previous) => writeAuditFilter({ ...readAuditFilter(previous), ...patch }), {
        replace: options.replace ?? false,
        preventScrollReset: true,
      });
    },
    [setParams],
  );

  const replaceFilter = useCallback(
    (next: AuditFilter) => setParams(writeAuditFilter(next), { preventScrollReset: true }),
    [setParams],
  );

  return { filter, update, replaceFilter };
}
