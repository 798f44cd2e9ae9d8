import { useUrlView } from '@/lib/use-url-view';
import { readAuditFilter, writeAuditFilter } from '../lib/audit-filter';

const codec = { read: readAuditFilter, write: writeAuditFilter };

/** The Audit page filter (`view`), read from and written to the URL query string. */
export function useAuditFilter() {
  return useUrlView(codec);
}
