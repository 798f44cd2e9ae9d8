/**
 * Dates, times and counts for people. Relative phrases are English like the rest of the UI; exact
 * dates and numbers follow the browser's locale. Only the platform's Intl APIs, no dependency.
 */

const relativeFormat = new Intl.RelativeTimeFormat('en', { style: 'short', numeric: 'auto' });
// Times are the operator's (the browser's) time zone, and say which: "Dec 1, 2026, 10:05:00 AM GMT+9".
const dateTimeFormat = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  second: '2-digit',
  timeZoneName: 'short',
});
const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const numberFormat = new Intl.NumberFormat();

/** Clocks disagree a little: a time this far in the future still reads "now". */
const CLOCK_SKEW_MS = 60_000;

export function parseIso(iso: string | null | undefined): Date | undefined {
  if (!iso) return undefined;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** "Nov 25, 2026, 3:59:49 PM PST" (browser locale and time zone, named), or "unknown". */
export function formatDateTime(iso: string | null | undefined): string {
  const date = parseIso(iso);
  return date ? dateTimeFormat.format(date) : 'unknown';
}

/** "Nov 25, 2026" (browser locale), or "unknown". */
export function formatDate(iso: string | null | undefined): string {
  const date = parseIso(iso);
  return date ? dateFormat.format(date) : 'unknown';
}

const units: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 86_400],
  ['month', 30 * 86_400],
  ['week', 7 * 86_400],
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
];

/** Seconds ago as words: "now", "4 sec. ago", "3 min. ago", "yesterday". Negative = in the future. */
export function formatSecondsAgo(secondsAgo: number): string {
  const abs = Math.abs(secondsAgo);
  for (const [unit, size] of units) {
    if (abs >= size) return relativeFormat.format(-Math.trunc(secondsAgo / size), unit);
  }
  return relativeFormat.format(-Math.trunc(secondsAgo), 'second');
}

/** An ISO time relative to `now` (ms): "3 min. ago". Slightly-future times (clock skew) read "now". */
export function formatRelative(iso: string | null | undefined, now: number): string {
  const date = parseIso(iso);
  if (!date) return 'unknown';
  let diffMs = now - date.getTime();
  if (diffMs < 0 && diffMs > -CLOCK_SKEW_MS) diffMs = 0;
  return formatSecondsAgo(diffMs / 1_000);
}

export function formatNumber(value: number): string {
  return numberFormat.format(value);
}

/** "1 session", "3 sessions", "1,234 sessions". */
export function formatCount(count: number, singular: string, plural = `${singular}s`): string {
  return `${formatNumber(count)} ${count === 1 ? singular : plural}`;
}
