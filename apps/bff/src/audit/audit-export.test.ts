import { describe, expect, it } from 'vitest';
import { auditExport, csvCell, toCsvLines, toJsonLines } from './audit-export.js';
import type { AuditRecord } from './audit-store.js';
import { auditRecord } from '../testing/audit-records.js';

const record = auditRecord;

async function* from<T>(items: T[]): AsyncGenerator<T> {
  yield* items;
}

async function collect(lines: AsyncIterable<string>): Promise<string> {
  let text = '';
  for await (const line of lines) text += line;
  return text;
}

describe('csvCell', () => {
  it.each([
    ['plain', 'plain'],
    ['with,comma', '"with,comma"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\rhere', '"cr\rhere"'],
    ['', ''],
  ])('quotes %j per RFC 4180', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it.each([
    ['=HYPERLINK("http://evil","x")', `"'=HYPERLINK(""http://evil"",""x"")"`],
    ['+1+2', `"'+1+2"`],
    ['-2+3', `"'-2+3"`],
    ['@SUM(A1)', `"'@SUM(A1)"`],
    ['\t=1', `"'\t'=1"`],
    ['\r=1', `"'\r'=1"`],
    ['\uFF1D1+1', `"'\uFF1D1+1"`],
  ])('defuses the formula %j', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it.each([
    ['ticket 42;=1+1;', `"ticket 42;'=1+1;"`],
    ['ticket 42,=1+1', `"ticket 42,'=1+1"`],
    ['ticket 42\t=1+1', `"ticket 42\t'=1+1"`],
    ['ticket 42; =1+1', `"ticket 42; '=1+1"`],
    ['ticket 42;"=1+1"', `"ticket 42;""'=1+1"""`],
    ['ticket 42|@SUM(A1)', `"ticket 42|'@SUM(A1)"`],
    ['ticket 42;\uFF1D1+1', `"ticket 42;'\uFF1D1+1"`],
    ['line one\n+1', `"line one\n'+1"`],
  ])('defuses a formula after a separator in %j', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it.each([',', ';', '\t'])('leaves no cell starting with a formula trigger when split on %j', (separator) => {
    const cell = csvCell('a;=1+1,+2\t-3|@4;\uFF1D5');
    const unquoted = cell.slice(1, -1).replaceAll('""', '"');
    for (const part of unquoted.split(separator)) expect(part).not.toMatch(/^[\s"]*[=+\-@\uFF1D]/u);
  });

  it('leaves a formula character inside a cell alone', () => {
    expect(csvCell('a=b')).toBe('a=b');
  });

  it('writes numbers as they are and null as an empty cell', () => {
    expect(csvCell(42)).toBe('42');
    // A number is a number to a spreadsheet: its sign is not a formula trigger to defuse.
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(null)).toBe('');
  });
});

describe('toCsvLines', () => {
  it('writes a header and one CRLF line per record', async () => {
    const text = await collect(toCsvLines(from([record(), record({ seq: 8, reason: '=cmd|"/c calc"!A1', targetUser: null, details: null })])));
    const lines = text.split('\r\n');
    expect(lines[0]).toBe(
      'seq,at,operator_id,operator_username,operator_role,realm,target_user_id,target_username,session_id,action,reason,outcome,error,details,request_id,ip,job_id,attempt_seq,id,prev_hash,hash',
    );
    expect(lines[1]).toBe(
      `7,2025-01-31T12:00:00.000Z,op-1,alice,helpdesk,demo,u-1,bob,,user.logout,Lost laptop,succeeded,,"{""endedRegular"":3,""endedOffline"":1}",req-12345678,10.0.0.1,,6,5b0c1a4e-7c8e-4a53-9a0e-2f7f4f1d8c11,${'b'.repeat(64)},${'a'.repeat(64)}`,
    );
    expect(lines[2]).toContain(`,,,,user.logout,"'=cmd|""/c calc""!A1",succeeded,,,`);
    expect(lines[3]).toBe('');
    expect(lines).toHaveLength(4);
  });

  it('writes only the header for an empty trail', async () => {
    expect((await collect(toCsvLines(from([])))).split('\r\n')).toHaveLength(2);
  });

  it('pulls records one at a time instead of reading the source to the end first', async () => {
    let pulled = 0;
    async function* counting(): AsyncGenerator<AuditRecord> {
      for (let seq = 1; seq <= 1000; seq += 1) {
        pulled += 1;
        yield record({ seq });
      }
    }
    const lines = toCsvLines(counting());
    await lines.next();
    await lines.next();
    expect(pulled).toBe(1);
  });
});

describe('toJsonLines', () => {
  it('writes one parseable record per line, newlines inside values escaped', async () => {
    const records = [record(), record({ seq: 8, reason: 'two\nlines\u2028here' })];
    const text = await collect(toJsonLines(from(records)));
    const lines = text.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
    expect(lines.slice(0, 2).map((line) => JSON.parse(line) as unknown)).toEqual(records);
  });
});

describe('auditExport', () => {
  it('names the file and content type for the format', async () => {
    const now = new Date('2025-01-31T12:34:56.789Z');
    const csv = auditExport('csv', from([record()]), now);
    expect(csv).toMatchObject({ contentType: 'text/csv; charset=utf-8', fileName: 'audit-2025-01-31T12-34-56Z.csv' });
    expect(await collect(csv.lines)).toContain('user.logout');
    const jsonl = auditExport('jsonl', from([record()]), now);
    expect(jsonl).toMatchObject({ contentType: 'application/x-ndjson; charset=utf-8', fileName: 'audit-2025-01-31T12-34-56Z.jsonl' });
  });
});
