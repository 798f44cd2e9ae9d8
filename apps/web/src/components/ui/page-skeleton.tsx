import { Skeleton } from './skeleton';

/**
 * Stands in for a page while its code loads: a heading bar and a few rows in the page's frame, so
 * the content does not jump when the page arrives. Announced once as a status.
 */
export function PageSkeleton({ label = 'Loading the page…' }: { label?: string }) {
  return (
    <div className="space-y-6">
      <p role="status" className="sr-only">
        {label}
      </p>
      <div aria-hidden="true" className="space-y-2">
        <Skeleton className="h-8 w-48" />
        <Skeleton className="w-80 max-w-full" />
      </div>
      <div aria-hidden="true" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        {Array.from({ length: 6 }, (_, row) => (
          <Skeleton key={row} className={row === 0 ? 'w-2/3' : 'w-full'} />
        ))}
      </div>
    </div>
  );
}
