/**
 * Calendar days in the operator's (the browser's) time zone, turned into the instants an API filter
 * needs: a day picked in Tokyo is not the same 24 hours as the same day picked in Los Angeles.
 */
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar day "YYYY-MM-DD" (not 2026-02-31). */
export function isCalendarDay(value: string): boolean {
  const match = DAY.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(year, month - 1, day);
  return date.getFullYear() === year && date.getMonth() === month - 1 && date.getDate() === day;
}

function offsetOf(date: Date): string {
  const minutes = -date.getTimezoneOffset();
  const sign = minutes >= 0 ? '+' : '-';
  const abs = Math.abs(minutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${sign}${hh}:${mm}`;
}

/**
 * A calendar day's first (or last) millisecond in the browser's time zone, as ISO 8601 with that
 * day's offset (daylight saving included): "2026-03-01" → "2026-03-01T00:00:00.000+01:00".
 */
export function localDayToIso(day: string, edge: 'start' | 'end'): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const local = edge === 'start' ? new Date(year, month - 1, date, 0, 0, 0, 0) : new Date(year, month - 1, date, 23, 59, 59, 999);
  return `${day}T${edge === 'start' ? '00:00:00.000' : '23:59:59.999'}${offsetOf(local)}`;
}

/** The browser's IANA time zone, e.g. "Asia/Tokyo" (what filters and times are shown in). */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}
