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

/** Spreadsheets run a cell starting with one of these as a formula (full-width forms included: some normalise them). */
const FORMULA_TRIGGER = '[=+\\-@\\uFF1D\\uFF0B\\uFF0D\\uFF20]';
/**
 * A trigger where a spreadsheet could start a cell: at the start of the text, or after a list
 * separator it may split on (`,` `;` tab `|` line breaks), spaces and quotes allowed in between.
 */
const FORMULA_AFTER_SEPARATOR = new RegExp(`(^|[,;\\t|\\r\\n])([\\s"']*)(${FORMULA_TRIGGER})`, 'gu');
/** Tab and carriage return at the very start also make some spreadsheets read a formula. */
const CONTROL_START = /^[\t\r]/;

/**
 * One CSV field: every formula trigger that could begin a cell (at the start, or after any list
 * separator, for spreadsheets that split on `;` or tabs) is defused with a leading `'`, and a cell
 * so defused is always quoted; then RFC 4180 quoting. Numbers pass through as they are.
 */
export function csvCell(value: CsvCell): string {
  if (value === null) return '';
  let text = String(value);
  let defused = false;
  if (typeof value === 'string') {
    const neutral = text.replace(FORMULA_AFTER_SEPARATOR, (_match, separator: string, gap: string, trigger: string) => `${separator}${gap}'${trigger}`);
    defused = neutral !== text || CONTROL_START.test(text);
    text = CONTROL_START.test(neutral) ? `'${neutral}` : neutral;
  }
  return defused || /[",;\t\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
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
