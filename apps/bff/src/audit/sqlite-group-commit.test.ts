import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { NewAuditEntry } from './audit-store.js';
import { completionOf, prepareEntry, sealEntry } from './audit-entry.js';
import { SqliteAuditStore } from './sqlite-audit-store.js';

const fileFor = () => path.join(mkdtempSync(path.join(tmpdir(), 'sd-group-commit-')), 'audit.sqlite');
const entry = (i: number, extra: Partial<NewAuditEntry> = {}): NewAuditEntry => ({
  operator: { id: 'op-1', username: 'hal', role: 'admin' },
  realm: 'demo',
  action: 'session.end',
  outcome: 'attempted',
  requestId: `req-${i}`,
  ip: '127.0.0.1',
  reason: `r${i}`,
  ...extra,
});

describe('SQLite group commit', () => {
  it('close() with a commit timer pending stores what was appended; an append after close is refused with 503', async () => {
    const file = fileFor();
    const store = new SqliteAuditStore({ file });
    await store.init();
    const appends = [1, 2, 3].map((i) => store.append(entry(i)));
    await store.close();
    expect((await Promise.all(appends)).map((r) => r.seq)).toEqual([1, 2, 3]);
    await expect(store.append(entry(4))).rejects.toMatchObject({ status: 503, code: 'audit_unavailable' });
    const again = new SqliteAuditStore({ file });
    await again.init();
    expect(await again.verify()).toMatchObject({ ok: true, checked: 3 });
    await again.close();
  });

  it('two stores on one file, appending in interleaved batches, keep one chain', async () => {
    const file = fileFor();
    const a = new SqliteAuditStore({ file });
    const b = new SqliteAuditStore({ file });
    await a.init();
    await b.init();
    for (let round = 0; round < 20; round += 1) {
      const attempts = await Promise.all([...Array.from({ length: 5 }, (_, i) => a.append(entry(i))), ...Array.from({ length: 5 }, (_, i) => b.append(entry(i)))]);
      await Promise.all(attempts.map((rec, i) => (i % 2 ? a : b).append(completionOf(rec, { outcome: 'succeeded', error: null }))));
    }
    expect(await a.verify()).toMatchObject({ ok: true, checked: 400 });
    await a.close();
    await b.close();
  });
});

describe('outcome records made by completionOf', () => {
  it('what is stored for a completion is what completionOf checked, whatever changes afterwards', async () => {
    const store = new SqliteAuditStore({ file: fileFor() });
    await store.init();
    const attempt = await store.append(entry(1));
    const completion = completionOf(attempt, { outcome: 'succeeded', error: null });
    // The caller still holds the attempt record, whose `operator` object the completion shared.
    (attempt.operator as { role: string }).role = 'root';
    try {
      (completion as { error: string | null }).error = 'x'.repeat(5_000);
    } catch {
      // a frozen entry refuses the change: fine
    }
    const stored = await store.append(completion);
    expect(stored).toMatchObject({ operator: { role: 'admin' }, error: null });
    expect((await store.query({})).items).toHaveLength(1);
    await store.close();
  });

  it('the same changes on a plain entry are refused', async () => {
    const store = new SqliteAuditStore({ file: fileFor() });
    await store.init();
    const attempt = await store.append(entry(1));
    await expect(
      store.append({ ...entry(1), outcome: 'succeeded', attemptSeq: attempt.seq, operator: { id: 'op-1', username: 'hal', role: 'root' as 'admin' }, error: 'x'.repeat(5_000) }),
    ).rejects.toThrow(/Invalid audit entry/);
    await store.close();
  });
});

it('an outcome record equals the whole entry checked again, for odd inputs', () => {
  const raws: Array<Omit<NewAuditEntry, 'outcome'>> = [
    { operator: { id: 'op', username: 'hal', role: 'admin', extra: 1 } as never, realm: 'dëmo', action: 'session.end', requestId: 'r', ip: '::1',
      targetUser: { id: 'u\uD800', username: 'a\u0000b', more: true } as never, sessionId: 's', reason: ' why ', jobId: null,
      details: { z: -0, a: ['\uDC00', { y: 1e21, b: null }], 'k\uD800': 'v' } },
    { operator: { id: 'op', username: 'hal', role: 'helpdesk' }, realm: 'demo', action: 'user.logout', requestId: 'r', ip: '1.2.3.4' },
  ];
  for (const raw of raws) {
    const attempt = sealEntry(prepareEntry({ ...raw, outcome: 'attempted' }), { seq: 7, prevHash: '0'.repeat(64), at: new Date(0) });
    for (const [details, error] of [[undefined, null], [null, 'boom \uD800'], [{ n: 1 }, null]] as const) {
      const old = prepareEntry({ ...raw, outcome: error ? 'failed' : 'succeeded', error, details: details ?? raw.details ?? null, attemptSeq: 7 });
      const now = completionOf(attempt, { outcome: error ? 'failed' : 'succeeded', error, details: details ?? undefined });
      expect(now).toStrictEqual(old);
    }
  }
});
