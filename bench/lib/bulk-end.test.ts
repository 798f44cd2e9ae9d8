import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { CONSOLE_JOB_POLL_MS, jobWallMs } from './bulk-end.ts';

test("the bench polls a job as often as the console does", () => {
  const source = readFileSync(new URL('../../apps/web/src/features/sessions/api/get-session-job.ts', import.meta.url), 'utf8');
  const match = /export const JOB_POLL_INTERVAL_MS = ([\d_]+);/.exec(source);
  assert.ok(match, 'JOB_POLL_INTERVAL_MS is declared in get-session-job.ts');
  assert.equal(Number(match[1]?.replaceAll('_', '')), CONSOLE_JOB_POLL_MS);
});

test("a job's wall time ends at its finishedAt, not at the poll that saw it", () => {
  // POST at 1,000; finished at 2,234; the poll every 500 ms saw it at 1,500 ms after the POST.
  assert.equal(jobWallMs(1_000, 2_234, 1_500), 1_234);
});

test("a job's wall time falls back to the poll without a usable finishedAt", () => {
  assert.equal(jobWallMs(1_000, Number.NaN, 1_500), 1_500);
  assert.equal(jobWallMs(1_000, 900, 1_500), 1_500);
  // Never longer than what the poll saw (a clock stepped forward meanwhile).
  assert.equal(jobWallMs(1_000, 9_000, 1_500), 1_500);
});
