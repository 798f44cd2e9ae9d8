import { Badge } from '@/components/ui/badge';
import { formatNumber } from '@/lib/format';
import { useConcernCount } from '../api/get-concern-count';

/**
 * The number of sessions of concern in `realm` (the navigation's badge): nothing while it loads,
 * when it cannot be read, or when nothing is flagged.
 */
export function ConcernCountBadge({ realm }: { realm: string | undefined }) {
  const count = useConcernCount(realm);
  const flagged = count.data?.count ?? 0;
  if (flagged === 0) return null;
  return (
    <Badge tone="warning" className="ml-2 whitespace-nowrap" data-testid="concern-count-badge">
      {formatNumber(flagged)}
      <span className="sr-only"> flagged in {realm}</span>
    </Badge>
  );
}
