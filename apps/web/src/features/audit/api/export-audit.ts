import type { AuditExportFormat } from '@session-desk/contracts';
import { auditSearchParams, type AuditQuery } from '../lib/audit-filter';

/**
 * GET /api/audit/export?format=…&<filter>: the BFF answers with a file (Content-Disposition:
 * attachment), oldest first. It is opened as a plain link so the browser streams it to disk
 * instead of the SPA holding a possibly huge trail in memory; the session cookie rides along.
 */
export function auditExportUrl(query: AuditQuery, format: AuditExportFormat): string {
  return `/api/audit/export?${auditSearchParams(query, { format }).toString()}`;
}
