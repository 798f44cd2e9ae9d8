import { cn } from '@/lib/cn';

/** A grey placeholder bar while content loads; decorative (announce loading with text). */
export function Skeleton({ className }: { className?: string }) {
  return <span aria-hidden="true" className={cn('block h-4 animate-pulse rounded bg-slate-200', className)} />;
}
