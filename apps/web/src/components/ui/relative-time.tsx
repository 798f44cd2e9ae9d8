import { formatDateTime, formatRelative } from '@/lib/format';
import { useNow } from '@/lib/use-now';
import { cn } from '@/lib/cn';

/** "3 min. ago", with the exact date and time on hover (title) and in `dateTime`. */
export function RelativeTime({ iso, className }: { iso: string | null | undefined; className?: string }) {
  const now = useNow(5_000);
  if (!iso) return <span className={cn('text-slate-500', className)}>unknown</span>;
  return (
    <time dateTime={iso} title={formatDateTime(iso)} className={cn('whitespace-nowrap', className)}>
      {formatRelative(iso, now)}
    </time>
  );
}
