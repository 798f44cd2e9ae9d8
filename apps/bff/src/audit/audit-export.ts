import type { AuditExportFormat } from '@session-desk/contracts';
import type { AuditRecord } from './audit-store.js';

type CsvCell = string | number | null;

const csvColumns: ReadonlyArray<readonly [string, (record: AuditRecord) => CsvCell]> = [
  ['seq', (r) => r.seq],
  ['at', (r) => r.at],
  ['operator_id', (r) => r.operator.id],
  ['operator_username', (r) => r.operator.username],
  ['operator_role', (r) => r.operator.role],
  ['realm', (r) => r.realm],
  ['target_user_id', (r) => r.targetUser?.id ?? null],
  ['target_username', (r) => r.targetUser?.username ?? null],
  ['session_id', (r) => r.sessionId],
  ['action', (r) => r.action],
  ['reason', (r) => r.reason],
  ['outcome', (r) => r.outcome],
  ['error', (r) => r.error],
  ['details', (r) => (r.details === null ? null : JSON.stringify(r.details))],
  ['request_id', (r) => r.requestId],
  ['ip', (r) => r.ip],
  ['job_id', (r) => r.jobId],
  ['attempt_seq', (r) => r.attemptSeq],
  ['id', (r) => r.id],
  ['prev_hash', (r) => r.prevHash],
  ['hash', (r) => r.hash],
];

/** Spreadsheets run a cell starting with one of these as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV field: formula starts defused with a leading quote, then RFC 4180 quoting. */
export function csvCell(value: CsvCell): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const csvLine = (cells: readonly CsvCell[]) => `${cells.map(csvCell).join(',')}\r\n`;

/** A header line, then one CRLF-terminated line per record. */
export async function* toCsvLines(records: AsyncIterable<AuditRecord>): AsyncGenerator<string> {
  yield csvLine(csvColumns.map(([name]) => name));
  for await (const record of records) yield csvLine(csvColumns.map(([, cell]) => cell(record)));
}

/** One JSON object per line, in the shape of GET /api/audit items. */
export async function* toJsonLines(records: AsyncIterable<AuditRecord>): AsyncGenerator<string> {
  for await (const record of records) yield `${JSON.stringify(record)}\n`;
}

export interface AuditExport {
  contentType: string;
  fileName: string;
  lines: AsyncGenerator<string>;
}

/** What an export route sends: pipe `lines` (e.g. Readable.from) into the response. */
export function auditExport(format: AuditExportFormat, records: AsyncIterable<AuditRecord>, now = new Date()): AuditExport {
  const stamp = now.toISOString().replace(/\.\d{3}Z$/, 'Z').replaceAll(':', '-');
  return format === 'csv'
    ? { contentType: 'text/csv; charset=utf-8', fileName: `audit-${stamp}.csv`, lines: toCsvLines(records) }
    : { contentType: 'application/x-ndjson; charset=utf-8', fileName: `audit-${stamp}.jsonl`, lines: toJsonLines(records) };
}
