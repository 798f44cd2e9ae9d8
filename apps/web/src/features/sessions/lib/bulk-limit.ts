import { formatNumber } from '@/lib/format';

/** "You may end at most 50 sessions in one job." ('' without a limit). */
export function bulkLimitWords(limit: number | null): string {
  return limit === null ? '' : `You may end at most ${formatNumber(limit)} sessions in one job.`;
}

/** Why one more row may not be ticked: `ticked` rows already fill the job limit. */
export function tickLockedReason(limit: number | null, ticked: number, isTicked: boolean): string | undefined {
  return limit !== null && ticked >= limit && !isTicked ? `${bulkLimitWords(limit)} ${formatNumber(ticked)} are ticked already.` : undefined;
}
