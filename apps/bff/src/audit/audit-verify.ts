import { GENESIS_HASH, hashAuditContent } from './audit-hash.js';
import { rowToRecord, UnreadableAuditRow } from './audit-row.js';
import type { VerifyResult } from './audit-store.js';

export interface ChainHead {
  seq: number;
  hash: string;
}

const broken = (checked: number, seq: number, problem: string, head: ChainHead | null): VerifyResult => ({
  ok: false,
  checked,
  firstBroken: { seq, problem },
  headHash: head && head.seq > 0 ? head.hash : null,
});

/**
 * Walks stored rows in seq order and reports the first broken link: a missing seq, a record whose
 * content no longer matches its hash, a record not linked to its predecessor, or a trail that does
 * not end where the chain head (updated in the same transaction as every append) says it ends.
 */
export async function verifyChain(head: ChainHead | null, rows: AsyncIterable<Record<string, unknown>>): Promise<VerifyResult> {
  let expected = 1;
  let prevHash = GENESIS_HASH;
  let checked = 0;
  for await (const row of rows) {
    const seq = Number(row.seq);
    if (seq !== expected) {
      const problem =
        seq > expected
          ? `gap: record ${expected} is missing (the next stored record is ${seq})`
          : `out of order: record ${seq} was found where ${expected} was expected`;
      return broken(checked, expected, problem, head);
    }
    checked += 1;
    let record;
    try {
      record = rowToRecord(row);
    } catch (err) {
      if (!(err instanceof UnreadableAuditRow)) throw err;
      return broken(checked, seq, `unreadable record: ${err.message}`, head);
    }
    if (hashAuditContent(record) !== record.hash) {
      return broken(checked, seq, 'content hash mismatch: the record was changed after it was written', head);
    }
    if (record.prevHash !== prevHash) {
      return broken(checked, seq, `prev-hash mismatch: the record does not link to record ${seq - 1}`, head);
    }
    prevHash = record.hash;
    expected += 1;
  }
  const last = expected - 1;
  if (!head) return broken(checked, last + 1, 'the chain head is missing', head);
  if (head.seq > last) {
    return broken(checked, last + 1, `gap: records ${last + 1} to ${head.seq} are missing from the end of the trail`, head);
  }
  if (head.seq < last) return broken(checked, head.seq + 1, `records after the chain head (${head.seq}) were added outside the store`, head);
  if (head.hash !== prevHash) return broken(checked, last, 'chain head mismatch: the newest record is not the one the head points to', head);
  return { ok: true, checked, firstBroken: null, headHash: last > 0 ? head.hash : null };
}
