import { cn } from '@/lib/cn';
import { auditExportUrl } from '../api/export-audit';
import type { AuditQuery } from '../lib/audit-filter';

const linkButton = cn(
  'inline-flex h-8 items-center justify-center gap-1.5 rounded-md bg-white px-3 text-sm font-medium whitespace-nowrap text-slate-800',
  'shadow-sm ring-1 ring-slate-300 ring-inset hover:bg-slate-50',
  'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent-600',
);

function DownloadIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-4 text-slate-500">
      <path d="M10.75 2.75a.75.75 0 0 0-1.5 0v8.6L6.3 8.24a.75.75 0 1 0-1.1 1.02l4.25 4.5a.75.75 0 0 0 1.1 0l4.25-4.5a.75.75 0 1 0-1.1-1.02l-2.95 3.1v-8.6Z" />
      <path d="M3.5 12.75a.75.75 0 0 0-1.5 0v2.5A2.75 2.75 0 0 0 4.75 18h10.5A2.75 2.75 0 0 0 18 15.25v-2.5a.75.75 0 0 0-1.5 0v2.5c0 .69-.56 1.25-1.25 1.25H4.75c-.69 0-1.25-.56-1.25-1.25v-2.5Z" />
    </svg>
  );
}

/**
 * Downloads of everything the current filter matches (not only the pages loaded), oldest first.
 * Plain links: the browser streams the file, nothing is held in the page's memory.
 */
export function AuditExportLinks({ query, filtered }: { query: AuditQuery; filtered: boolean }) {
  const hint = filtered ? 'Every entry matching the filters, oldest first' : 'The whole trail you can see, oldest first';
  return (
    <div className="flex flex-wrap items-center gap-2">
      <a href={auditExportUrl(query, 'csv')} download className={linkButton} title={hint}>
        <DownloadIcon />
        Export CSV
      </a>
      <a href={auditExportUrl(query, 'jsonl')} download className={linkButton} title={hint}>
        <DownloadIcon />
        Export JSON lines
      </a>
      {/* The page lists newest first; a download keeps the chain's own order, which a verifier reads. */}
      <span className="text-xs text-slate-500" data-testid="export-order">
        Downloads list oldest first, in the chain's order.
      </span>
    </div>
  );
}
