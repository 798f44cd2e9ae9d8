import { formatDateTime, formatRelative } from '@/lib/format';
import { useNow } from '@/lib/use-now';
import { cn } from '@/lib/cn';

/**
 * "3 min. ago", with the exact date and time on hover (title) and in `dateTime`; on one line unless
 * `wrap` (for a table whose columns already add up to its frame: the text widens as time passes).
 */
export function RelativeTime({ iso, className, wrap = false }: { iso: string | null | undefined; className?: string; wrap?: boolean }) {
  const now = useNow(5_000);
  if (!iso) return <span className={cn('text-slate-500', className)}>unknown</span>;
  return (
    <time dateTime={iso} title={formatDateTime(iso)} className={cn(!wrap && 'whitespace-nowrap', className)}>
      {formatRelative(iso, now)}
    </time>
  );
}
