import { describe, expect, it } from 'vitest';
import {
  auditRangeProblem,
  emptyAuditFilter,
  isCalendarDay,
  localDayToIso,
  readAuditFilter,
  toAuditQuery,
  writeAuditFilter,
} from './audit-filter';

/** The offset the browser uses on that local day, as "+01:00". */
function offsetOn(year: number, month: number, day: number, hour: number): string {
  const minutes = -new Date(year, month - 1, day, hour).getTimezoneOffset();
  const abs = Math.abs(minutes);
  return `${minutes >= 0 ? '+' : '-'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

describe('audit filter in the URL', () => {
  it('reads every filter from the query string', () => {
    const filter = readAuditFilter(
      new URLSearchParams('operator=hal*&user=alice.martin&realm=demo&action=bulk.item&outcome=failed&jobId=job-1&from=2026-03-01&to=2026-03-31'),
    );
    expect(filter).toEqual({
      operator: 'hal*',
      user: 'alice.martin',
      realm: 'demo',
      action: 'bulk.item',
      outcome: 'failed',
      jobId: 'job-1',
      from: '2026-03-01',
      to: '2026-03-31',
    });
  });

  it('leaves out what the API would refuse instead of breaking the page', () => {
    const filter = readAuditFilter(
      new URLSearchParams('realm=../master&action=delete.all&outcome=attempted&jobId=a/b&from=2026-02-31&to=yesterday&user=%20%20'),
    );
    expect(filter).toEqual(emptyAuditFilter);
  });

  it('writes only what is set, and reads back the same filter', () => {
    expect(writeAuditFilter(emptyAuditFilter).toString()).toBe('');
    const filter = { ...emptyAuditFilter, user: 'alice.martin', outcome: 'refused' as const, from: '2026-01-05' };
    const written = writeAuditFilter(filter);
    expect(written.toString()).toBe('user=alice.martin&outcome=refused&from=2026-01-05');
    expect(readAuditFilter(written)).toEqual(filter);
  });

  it('knows real calendar days', () => {
    expect(isCalendarDay('2024-02-29')).toBe(true);
    expect(isCalendarDay('2025-02-29')).toBe(false);
    expect(isCalendarDay('2025-1-5')).toBe(false);
  });
});

describe('dates to the API', () => {
  it('turns a day into its first and last millisecond with the local offset', () => {
    expect(localDayToIso('2026-03-01', 'start')).toBe(`2026-03-01T00:00:00.000${offsetOn(2026, 3, 1, 0)}`);
    expect(localDayToIso('2026-07-15', 'end')).toBe(`2026-07-15T23:59:59.999${offsetOn(2026, 7, 15, 23)}`);
    // The same instant as the local day's start, whatever the time zone of the test run.
    expect(Date.parse(localDayToIso('2026-03-01', 'start'))).toBe(new Date(2026, 2, 1).getTime());
    expect(Date.parse(localDayToIso('2026-07-15', 'end'))).toBe(new Date(2026, 6, 15, 23, 59, 59, 999).getTime());
  });

  it('builds the API query from the filter, dates as ISO date-times', () => {
    const query = toAuditQuery({ ...emptyAuditFilter, user: 'alice*', from: '2026-03-01', to: '2026-03-02' });
    expect(query).toEqual({
      user: 'alice*',
      from: localDayToIso('2026-03-01', 'start'),
      to: localDayToIso('2026-03-02', 'end'),
    });
  });

  it('reports a "to" before "from" instead of asking', () => {
    expect(auditRangeProblem({ ...emptyAuditFilter, from: '2026-03-02', to: '2026-03-01' })).toMatch(/before/);
    expect(auditRangeProblem({ ...emptyAuditFilter, from: '2026-03-01', to: '2026-03-01' })).toBeUndefined();
  });
});
