import type { SnapshotInfo } from '@session-desk/contracts';
import { Spinner } from '@/components/ui/spinner';
import { formatDateTime, formatSecondsAgo } from '@/lib/format';
import { useNow } from '@/lib/use-now';

/**
 * "Realm snapshot from 4 sec. ago · refreshing…". The age is the server's `ageSeconds` plus the
 * time since the answer arrived, so a wrong clock on either side does not matter.
 */
export function SnapshotAge({ snapshot, receivedAt }: { snapshot: SnapshotInfo; receivedAt: number }) {
  const now = useNow(1_000);
  const age = Math.max(0, snapshot.ageSeconds + (now - receivedAt) / 1_000);
  return (
    <p className="flex items-center gap-1.5 text-xs text-slate-500" data-testid="snapshot-age">
      <span title={`Built ${formatDateTime(snapshot.builtAt)} in ${(snapshot.buildMs / 1_000).toFixed(1)} s`}>
        Realm snapshot from {formatSecondsAgo(Math.round(age))}
      </span>
      {snapshot.refreshing ? (
        <span className="inline-flex items-center gap-1 text-accent-700">
          <Spinner size="sm" className="size-3" />
          refreshing…
        </span>
      ) : null}
    </p>
  );
}
