import type { AuditRecord } from '@session-desk/contracts';
import { describe, expect, it } from 'vitest';
import { GENESIS_HASH, hashAuditContent, type HashedAuditContent } from './audit-hash.js';
import { AUDIT_COLUMNS, recordToColumns } from './audit-row.js';
import { verifyChain, type ChainHead } from './audit-verify.js';

type Row = Record<string, unknown>;

/** A chain of `count` well-formed records, as the stores write them. */
function chain(count: number): AuditRecord[] {
  const records: AuditRecord[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= count; seq += 1) {
    const content: HashedAuditContent = {
      seq,
      id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
      at: `2026-01-01T00:00:0${seq}.000Z`,
      operator: { id: 'op-1', username: 'alice', role: 'admin' },
      realm: 'demo',
      targetUser: { id: 'u-1', username: 'bob' },
      sessionId: `session-${seq}`,
      action: 'session.end',
      reason: 'Lost laptop',
      outcome: 'succeeded',
      error: null,
      details: null,
      requestId: `req-${seq}`,
      ip: '10.0.0.1',
      jobId: null,
      attemptSeq: null,
      prevHash,
    };
    const record = { ...content, hash: hashAuditContent(content) };
    records.push(record);
    prevHash = record.hash;
  }
  return records;
}

const toRow = (record: AuditRecord): Row => {
  const values = recordToColumns(record);
  return Object.fromEntries(AUDIT_COLUMNS.map((column, i) => [column, values[i]]));
};

async function* rowsOf(rows: Row[]): AsyncIterable<Row> {
  for (const row of rows) yield row;
}

const verify = (head: ChainHead | null, rows: Row[]) => verifyChain(head, rowsOf(rows));
const broken = (checked: number, seq: number, problem: string, headHash: string | null | undefined) => ({ ok: false, checked, firstBroken: { seq, problem }, headHash });
const headOf = (records: AuditRecord[]): ChainHead => ({ seq: records.length, hash: records.at(-1)?.hash ?? GENESIS_HASH });

describe('verifyChain', () => {
  it('reports an empty trail with its head at seq 0 as intact, without a head hash', async () => {
    expect(await verify({ seq: 0, hash: GENESIS_HASH }, [])).toEqual({ ok: true, checked: 0, firstBroken: null, headHash: null });
  });

  it('reports an intact chain with the head hash', async () => {
    const records = chain(3);
    expect(await verify(headOf(records), records.map(toRow))).toEqual({ ok: true, checked: 3, firstBroken: null, headHash: records[2]?.hash });
  });

  it('reads seq written as a string (PostgreSQL bigint)', async () => {
    const records = chain(2);
    const rows = records.map((record) => ({ ...toRow(record), seq: String(record.seq) }));
    expect(await verify(headOf(records), rows)).toMatchObject({ ok: true, checked: 2 });
  });

  it('reports a missing head, on an empty trail and on a full one', async () => {
    expect(await verify(null, [])).toEqual(broken(0, 1, 'the chain head is missing', null));
    const records = chain(2);
    expect(await verify(null, records.map(toRow))).toEqual(broken(2, 3, 'the chain head is missing', null));
  });

  it('reports a gap at the first missing seq, naming the next stored one', async () => {
    const records = chain(4);
    const head = headOf(records);
    expect(await verify(head, [records[0]!, records[3]!].map(toRow))).toEqual(broken(1, 2, 'gap: record 2 is missing (the next stored record is 4)', head.hash));
    expect((await verify(head, records.slice(1).map(toRow))).firstBroken).toEqual({ seq: 1, problem: 'gap: record 1 is missing (the next stored record is 2)' });
  });

  it('reports a record out of order', async () => {
    const records = chain(2);
    expect(await verify(headOf(records), [records[0]!, records[0]!, records[1]!].map(toRow))).toEqual(broken(1, 2, 'out of order: record 1 was found where 2 was expected', records[1]?.hash));
  });

  it.each([
    ['a column it cannot read back (counted as checked)', { operator_role: 'root' }, 'unreadable record: operator_role has an unknown value'],
    ['content changed after it was written', { reason: 'nothing to see here' }, 'content hash mismatch: the record was changed after it was written'],
  ])('reports a record with %s at that record', async (_what, change, problem) => {
    const records = chain(3);
    const rows = records.map(toRow);
    rows[1] = { ...rows[1], ...change };
    expect(await verify(headOf(records), rows)).toEqual({ ok: false, checked: 2, firstBroken: { seq: 2, problem }, headHash: records[2]?.hash });
  });

  it('lets an error that is not about the row through (a bug, not tampering)', async () => {
    const records = chain(1);
    const row = toRow(records[0]!);
    Object.defineProperty(row, 'id', {
      get() {
        throw new RangeError('driver failure');
      },
    });
    await expect(verify(headOf(records), [row])).rejects.toThrow(RangeError);
  });

  it('reports a rewritten record whose hash was recomputed at the next link, naming the record it should follow', async () => {
    const records = chain(3);
    const { hash: _hash, ...content } = { ...records[1]!, reason: 'rewritten' };
    const rewritten = { ...content, hash: hashAuditContent(content) };
    expect(await verify(headOf(records), [records[0]!, rewritten, records[2]!].map(toRow))).toEqual(broken(3, 3, 'prev-hash mismatch: the record does not link to record 2', records[2]?.hash));
  });

  it('reports a first record that does not start from the genesis hash', async () => {
    const [first] = chain(1);
    const { hash: _hash, ...content } = { ...first!, prevHash: 'f'.repeat(64) };
    const record = { ...content, hash: hashAuditContent(content) };
    expect((await verify({ seq: 1, hash: record.hash }, [toRow(record)])).firstBroken).toEqual({
      seq: 1,
      problem: 'prev-hash mismatch: the record does not link to record 0',
    });
  });

  it('reports records cut off the end, from the first missing one to the head', async () => {
    const records = chain(4);
    expect(await verify(headOf(records), records.slice(0, 2).map(toRow))).toEqual(broken(2, 3, 'gap: records 3 to 4 are missing from the end of the trail', records[3]?.hash));
  });

  it('reports records added after the head outside the store', async () => {
    const records = chain(3);
    const head = { seq: 1, hash: records[0]!.hash };
    expect(await verify(head, records.map(toRow))).toEqual(broken(3, 2, 'records after the chain head (1) were added outside the store', head.hash));
  });

  it('reports a head that points to another record than the newest', async () => {
    const records = chain(2);
    const head = { seq: 2, hash: records[0]!.hash };
    expect(await verify(head, records.map(toRow))).toEqual(broken(2, 2, 'chain head mismatch: the newest record is not the one the head points to', head.hash));
  });

  it('reports a head at seq 0 that does not match an empty trail without a head hash', async () => {
    expect(await verify({ seq: 0, hash: 'e'.repeat(64) }, [])).toEqual(broken(0, 0, 'chain head mismatch: the newest record is not the one the head points to', null));
  });
});
