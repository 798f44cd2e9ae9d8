import type { ConnectionReport } from './doctor.js';

const MARK = { ok: 'ok  ', warn: 'WARN', fail: 'FAIL', skip: 'skip' } as const;

/** The doctor report as terminal lines, one per check, and a last line with the verdict. */
export function formatReport(report: ConnectionReport): string[] {
  const lines = report.checks.map((check) => `${MARK[check.status]}  ${check.message}`);
  const failed = report.checks.filter((check) => check.status === 'fail').length;
  lines.push(report.ok ? 'doctor: everything the console needs is in place.' : `doctor: ${failed} problem${failed > 1 ? 's' : ''} found; the console will not work fully until fixed.`);
  return lines;
}
