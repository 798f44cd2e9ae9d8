import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { postgresAdminUrl, runPostgresTests } from '../testing/postgres.js';
import { HttpError } from '../http/errors.js';
import { GENESIS_HASH, hashAuditContent } from './audit-hash.js';
import type { AuditFilter, AuditRecord, AuditStore, AuditStreamFilter, NewAuditEntry } from './audit-store.js';
import { PostgresAuditStore } from './postgres-audit-store.js';
import { SqliteAuditStore } from './sqlite-audit-store.js';

/** What the shared suite needs from each database, beyond the store itself. */
interface Harness {
  name: 'sqlite' | 'postgres';
  /** Empties the database before each test. */
  reset(): Promise<void>;
  /** A store (not yet initialised) on the test database; closed after the test. */
  open(options?: { batchSize?: number }): AuditStore;
  /** Raw SQL behind the store's back; `$1`… placeholders in both dialects. */
  sql(statement: string, params?: Array<string | number | null>): Promise<void>;
  /** Lifts the append-only triggers, as someone with direct database access could. */
  allowTampering: string;
  /**
   * Stores that cannot write. `store()` may return a `release` that ends the outage (e.g. lets go of a
   * lock), called after the assertions, so no timer decides whether the outage is still on.
   */
  outages(): Array<{ name: string; store: () => Promise<{ store: AuditStore; release?: () => void | Promise<void> }> }>;
}

const opened: AuditStore[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((store) => store.close().catch(() => undefined)));
});

function track<T extends AuditStore>(store: T): T {
  opened.push(store);
  return store;
}

const alice = { id: 'op-alice', username: 'alice', role: 'helpdesk' as const };

function entry(overrides: Partial<NewAuditEntry> = {}): NewAuditEntry {
  return {
    operator: alice,
    realm: 'demo',
    action: 'session.end',
    outcome: 'refused',
    requestId: 'req-00000001',
    ip: '192.0.2.10',
    targetUser: { id: 'u-bob', username: 'bob' },
    sessionId: 'sess-0001',
    reason: 'Reported stolen laptop',
    error: 'not allowed',
    ...overrides,
  };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (err: unknown) => err,
  );
}

/** A 503 audit_(read_)unavailable rejection; "without hanging" is bounded by the test's timeout, not a stopwatch. */
async function expectUnavailable(promise: Promise<unknown>): Promise<void> {
  const err = await rejection(promise);
  expect(err).toBeInstanceOf(HttpError);
  expect(err).toMatchObject({ status: 503, code: expect.stringMatching(/^audit_(read_)?unavailable$/) });
}

async function all(records: AsyncIterable<AuditRecord>): Promise<AuditRecord[]> {
  const out: AuditRecord[] = [];
  for await (const record of records) out.push(record);
  return out;
}

async function everyPage(store: AuditStore, filter: AuditFilter): Promise<AuditRecord[][]> {
  const pages: AuditRecord[][] = [];
  let cursor: string | undefined;
  do {
    const page = await store.query({ ...filter, ...(cursor ? { cursor } : {}) });
    pages.push(page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && pages.length < 1000);
  return pages;
}

const seqs = (records: AuditRecord[]) => records.map((record) => record.seq);

/**
 * A small trail covering every filter. Shown in the trail (newest first): 9, 8, 6 (unknown), 5, 3, 2;
 * the attempts 1, 4 and 7 have outcomes and are hidden.
 */
async function seed(store: AuditStore): Promise<AuditRecord[]> {
  const albert = { id: 'op-albert', username: 'albert', role: 'admin' as const };
  const records: AuditRecord[] = [];
  const add = async (next: NewAuditEntry) => {
    const record = await store.append(next);
    records.push(record);
    // Distinct timestamps, so time filters have edges to find: wait for the clock to pass this one.
    while (new Date().toISOString() <= record.at) await sleep(1);
  };
  await add(entry({ outcome: 'attempted', error: null }));
  await add(entry({ outcome: 'succeeded', error: null, attemptSeq: 1 }));
  await add(entry({ action: 'user.logout', targetUser: { id: 'u-carol', username: 'carol' }, sessionId: null, error: 'carol is an administrator' }));
  await add(entry({ operator: albert, realm: 'other', action: 'user.logout', outcome: 'attempted', error: null, sessionId: null }));
  await add(entry({ operator: albert, realm: 'other', action: 'user.logout', outcome: 'failed', error: 'keycloak_timeout', attemptSeq: 4, sessionId: null }));
  await add(entry({ operator: { id: 'op-zed', username: 'zed', role: 'admin' }, action: 'realm.logout-all', outcome: 'attempted', targetUser: null, sessionId: null, error: null }));
  const underscore = { id: 'op-ab', username: 'a_b', role: 'helpdesk' as const };
  const bobby = { id: 'u-bobby', username: 'bobby' };
  await add(entry({ operator: underscore, action: 'bulk.item', targetUser: bobby, outcome: 'attempted', jobId: 'job-1', error: null }));
  await add(entry({ operator: underscore, action: 'bulk.item', targetUser: bobby, outcome: 'succeeded', jobId: 'job-1', attemptSeq: 7, error: null, details: { endedRegular: 3, endedOffline: 1 } }));
  await add(entry({ operator: { id: 'op-axb', username: 'axb', role: 'helpdesk' }, action: 'own-session.end', targetUser: { id: 'op-axb', username: 'axb' }, error: 'not your session' }));
  return records;
}

function auditStoreSuite(harness: Harness): void {
  beforeEach(async () => {
    await harness.reset();
  });

  async function ready(options?: { batchSize?: number }): Promise<AuditStore> {
    const store = harness.open(options);
    await store.init();
    return store;
  }

  describe('append', () => {
    it('assigns consecutive seqs and chains each hash to the previous one', async () => {
      const store = await ready();
      const records = [];
      for (let i = 0; i < 4; i += 1) records.push(await store.append(entry({ reason: `reason ${i}` })));
      expect(seqs(records)).toEqual([1, 2, 3, 4]);
      expect(records[0]?.prevHash).toBe(GENESIS_HASH);
      for (let i = 1; i < records.length; i += 1) expect(records[i]?.prevHash).toBe(records[i - 1]?.hash);
      for (const record of records) {
        const { hash, ...content } = record;
        expect(hashAuditContent(content)).toBe(hash);
        expect(record.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
        expect(record.id).toMatch(/^[0-9a-f-]{36}$/);
      }
      expect(new Set(records.map((record) => record.id)).size).toBe(4);
    });

    it('reads a record back exactly as it was appended and hashed', async () => {
      const store = await ready();
      const written = await store.append(
        entry({
          reason: 'Ünïcödé 😀, "quotes", a lone \uD800 surrogate and a NUL \u0000 byte',
          details: { z: [1, 2.5, { b: null, a: 'x' }], a: true, n: -0 },
          jobId: 'job-42',
        }),
      );
      expect(written.reason).toBe('Ünïcödé 😀, "quotes", a lone \uFFFD surrogate and a NUL \uFFFD byte');
      const { items } = await store.query({});
      expect(items).toEqual([written]);
      expect((await store.verify()).ok).toBe(true);
    });

    it('records who, what, where and why, with nullable parts as null', async () => {
      const store = await ready();
      const written = await store.append({
        operator: alice,
        realm: 'demo',
        action: 'realm.logout-all',
        outcome: 'refused',
        requestId: 'req-1',
        ip: '',
        error: 'only administrators may do this',
      });
      expect(written).toMatchObject({
        seq: 1,
        operator: alice,
        targetUser: null,
        sessionId: null,
        reason: null,
        details: null,
        jobId: null,
        attemptSeq: null,
        ip: '',
      });
    });

    it('rejects a malformed entry as a bug (not an outage) and writes nothing', async () => {
      const store = await ready();
      const missingAttempt = await rejection(store.append(entry({ outcome: 'succeeded' })));
      expect(missingAttempt).not.toBeInstanceOf(HttpError);
      expect(String(missingAttempt)).toMatch(/attemptSeq/);
      const strayAttempt = await rejection(store.append(entry({ outcome: 'refused', attemptSeq: 1 })));
      expect(String(strayAttempt)).toMatch(/attemptSeq/);
      const hugeDetails = await rejection(store.append(entry({ details: { blob: 'x'.repeat(10_000) } })));
      expect(String(hugeDetails)).toMatch(/details/);
      expect((await store.query({})).items).toEqual([]);
    });

    it('lets an attempt be completed only once', async () => {
      const store = await ready();
      await store.append(entry({ outcome: 'attempted', error: null }));
      await store.append(entry({ outcome: 'succeeded', error: null, attemptSeq: 1 }));
      await expectUnavailable(store.append(entry({ outcome: 'failed', attemptSeq: 1 })));
      expect((await store.verify()).checked).toBe(2);
    });

    it('keeps one valid chain under 100 concurrent appends', async () => {
      const store = await ready();
      const written = await Promise.all(Array.from({ length: 100 }, (_, i) => store.append(entry({ reason: `parallel ${i}` }))));
      expect(new Set(seqs(written)).size).toBe(100);
      expect(Math.max(...seqs(written))).toBe(100);
      expect(await store.verify()).toMatchObject({ ok: true, checked: 100, firstBroken: null });
    });

    it('stores every other concurrent append when one breaks a rule or is malformed', async () => {
      const store = await ready();
      await store.append(entry({ outcome: 'attempted', error: null }));
      await store.append(entry({ outcome: 'succeeded', error: null, attemptSeq: 1 }));
      const results = await Promise.allSettled([
        store.append(entry({ reason: 'before' })),
        store.append(entry({ outcome: 'failed', attemptSeq: 1 })),
        store.append(entry({ outcome: 'succeeded' })),
        store.append(entry({ reason: 'after' })),
      ]);
      expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
      const [, duplicate, malformed] = results;
      expect(duplicate?.status === 'rejected' && duplicate.reason).toMatchObject({ status: 503, code: 'audit_unavailable' });
      expect(malformed?.status === 'rejected' && malformed.reason).not.toBeInstanceOf(HttpError);
      expect((await store.query({})).items.map((record) => record.reason).filter((reason) => reason === 'before' || reason === 'after').sort()).toEqual(['after', 'before']);
      expect(await store.verify()).toMatchObject({ ok: true, checked: 4 });
    });

    it('keeps one valid chain when two store instances append at the same time', async () => {
      const first = await ready();
      const second = await ready();
      const written = await Promise.all(
        Array.from({ length: 100 }, (_, i) => (i % 2 === 0 ? first : second).append(entry({ reason: `instance ${i % 2} #${i}` }))),
      );
      expect(new Set(seqs(written)).size).toBe(100);
      const result = await first.verify();
      expect(result).toMatchObject({ ok: true, checked: 100 });
      expect(result.headHash).toBe(written.find((record) => record.seq === 100)?.hash);
    });

    it('migrates once, however often and from however many instances init runs', async () => {
      await Promise.all([ready(), ready(), ready()]);
      const store = await ready();
      await store.init();
      await store.append(entry());
      expect((await store.verify()).checked).toBe(1);
    });
  });

  describe('query', () => {
    it('shows outcome records and refusals newest first, an attempt without outcome as unknown', async () => {
      const store = await ready();
      await seed(store);
      const { items, nextCursor } = await store.query({});
      expect(seqs(items)).toEqual([9, 8, 6, 5, 3, 2]);
      expect(items.map((record) => record.outcome)).toEqual(['refused', 'succeeded', 'unknown', 'failed', 'refused', 'succeeded']);
      expect(items.find((record) => record.seq === 8)?.attemptSeq).toBe(7);
      expect(nextCursor).toBeNull();
    });

    it.each<[string, AuditFilter, number[]]>([
      ['operator username', { operator: 'alice' }, [3, 2]],
      ['operator id', { operator: 'op-alice' }, [3, 2]],
      ['operator prefix', { operator: 'al*' }, [5, 3, 2]],
      ['operator prefix in another case', { operator: 'AL*' }, [5, 3, 2]],
      ['operator prefix with LIKE wildcards taken literally', { operator: 'a_*' }, [8]],
      ['operator prefix "*" (everything)', { operator: '*' }, [9, 8, 6, 5, 3, 2]],
      ['operator that does not exist', { operator: 'nobody' }, []],
      ['own records by operator id', { operatorId: 'op-alice' }, [3, 2]],
      ['own records never by username', { operatorId: 'alice' }, []],
      ['target username, and the usernames containing it', { user: 'bob' }, [8, 5, 2]],
      ['part of a target username', { user: 'obb' }, [8]],
      ['part of a target username in another case', { user: 'BoBb' }, [8]],
      ['part of an operator username', { operator: 'lic' }, [3, 2]],
      ['part of a username with LIKE wildcards taken literally', { operator: '_' }, [8]],
      ['part of an id does not match (ids match whole)', { user: 'u-bo' }, []],
      ['target id', { user: 'u-bobby' }, [8]],
      ['target prefix', { user: 'bob*' }, [8, 5, 2]],
      ['realm', { realm: 'other' }, [5]],
      ['action', { action: 'user.logout' }, [5, 3]],
      ['outcome succeeded', { outcome: 'succeeded' }, [8, 2]],
      ['outcome failed', { outcome: 'failed' }, [5]],
      ['outcome refused', { outcome: 'refused' }, [9, 3]],
      ['outcome unknown', { outcome: 'unknown' }, [6]],
      ['job', { jobId: 'job-1' }, [8]],
      ['several filters at once', { operator: 'alice', action: 'session.end', outcome: 'succeeded' }, [2]],
    ])('filters by %s', async (_name, filter, expected) => {
      const store = await ready();
      await seed(store);
      expect(seqs((await store.query(filter)).items)).toEqual(expected);
    });

    it('counts the records matching the filters on the first page only, whatever the page size', async () => {
      const store = await ready();
      for (let i = 0; i < 23; i += 1) await store.append(entry({ reason: `r${i}`, operator: i % 3 === 0 ? alice : { ...alice, id: 'op-x', username: 'x' } }));
      await store.append(entry({ outcome: 'attempted', error: null }));
      await store.append(entry({ outcome: 'succeeded', error: null, attemptSeq: 24 }));
      // 23 refusals and one completed attempt (its attempt is not counted, as it is not listed).
      const first = await store.query({ limit: 5 });
      expect(first.total).toBe(24);
      expect(first.total).toBe((await everyPage(store, { limit: 5 })).flat().length);
      expect((await store.query({ limit: 5, cursor: first.nextCursor ?? '' })).total).toBeNull();
      const alices = await store.query({ operator: 'alice', limit: 3 });
      expect(alices.total).toBe(8 + 1);
      expect(alices.total).toBe((await everyPage(store, { operator: 'alice', limit: 3 })).flat().length);
      expect((await store.query({ operator: 'alice', outcome: 'succeeded' })).total).toBe(1);
      expect((await store.query({ operator: 'nobody' })).total).toBe(0);
    });

    it('filters by time, both ends inclusive, whatever offset the bounds are written in', async () => {
      const store = await ready();
      const records = await seed(store);
      const fifth = records[4];
      const eighth = records[7];
      if (!fifth || !eighth) throw new Error('seed');
      expect(seqs((await store.query({ from: fifth.at, to: eighth.at })).items)).toEqual([8, 6, 5]);
      const plusTwo = new Date(Date.parse(fifth.at) + 2 * 3_600_000).toISOString().replace('Z', '+02:00');
      expect(seqs((await store.query({ from: plusTwo })).items)).toEqual([9, 8, 6, 5]);
      expect(seqs((await store.query({ to: fifth.at })).items)).toEqual([5, 3, 2]);
      expect((await store.query({ from: '2999-01-01T00:00:00Z' })).items).toEqual([]);
    });

    it('pages with the cursor so every record is returned exactly once, newest first', async () => {
      const store = await ready();
      for (let i = 0; i < 23; i += 1) await store.append(entry({ reason: `r${i}`, operator: i % 3 === 0 ? alice : { ...alice, id: 'op-x', username: 'x' } }));
      const pages = await everyPage(store, { limit: 5 });
      expect(pages.map((page) => page.length)).toEqual([5, 5, 5, 5, 3]);
      expect(pages.flat().map((record) => record.seq)).toEqual(Array.from({ length: 23 }, (_, i) => 23 - i));
      const filtered = await everyPage(store, { operator: 'alice', limit: 3 });
      expect(filtered.flat().map((record) => record.seq)).toEqual([22, 19, 16, 13, 10, 7, 4, 1]);
      expect(filtered.map((page) => page.length)).toEqual([3, 3, 2]);
    });

    it('ends on a full last page without an empty extra page', async () => {
      const store = await ready();
      for (let i = 0; i < 4; i += 1) await store.append(entry());
      const first = await store.query({ limit: 2 });
      const second = await store.query({ limit: 2, cursor: first.nextCursor ?? '' });
      expect(seqs(second.items)).toEqual([2, 1]);
      expect(second.nextCursor).toBeNull();
    });

    it('rejects a forged cursor and an out-of-range limit with 400', async () => {
      const store = await ready();
      await store.append(entry());
      for (const cursor of ['garbage!', Buffer.from('seq:1 OR 1=1').toString('base64url'), Buffer.from('{"seq":1}').toString('base64url')]) {
        expect(await rejection(store.query({ cursor }))).toMatchObject({ status: 400, code: 'bad_request' });
      }
      for (const limit of [0, 501, 2.5]) {
        expect(await rejection(store.query({ limit }))).toMatchObject({ status: 400, code: 'bad_request' });
      }
      expect(await rejection(store.query({ from: 'yesterday' }))).toMatchObject({ status: 400 });
    });
  });

  describe('stream', () => {
    it('yields every matching record oldest first, as the trail shows them', async () => {
      const store = await ready({ batchSize: 2 });
      await seed(store);
      expect(seqs(await all(store.stream({})))).toEqual([2, 3, 5, 6, 8, 9]);
      expect((await all(store.stream({ outcome: 'unknown' }))).map((record) => record.outcome)).toEqual(['unknown']);
      const filter: AuditStreamFilter = { operator: 'al*' };
      expect(seqs(await all(store.stream(filter)))).toEqual([2, 3, 5]);
    });

    it('reads in bounded batches and stops at the newest record of when it started', async () => {
      const store = await ready({ batchSize: 5 });
      for (let i = 1; i <= 12; i += 1) await store.append(entry({ reason: `original ${i}` }));
      const iterator = store.stream({})[Symbol.asyncIterator]();
      const first = await iterator.next();
      expect(first.value?.seq).toBe(1);
      // Changes behind the stream's back show which records were already read: only the first batch.
      await harness.sql(harness.allowTampering);
      await harness.sql(`UPDATE audit_records SET reason = 'changed' WHERE seq IN (3, 11)`);
      await store.append(entry({ reason: 'appended after the start' }));
      const rest: AuditRecord[] = [];
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) rest.push(next.value);
      expect(seqs(rest)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
      expect(rest.find((record) => record.seq === 3)?.reason).toBe('original 3');
      expect(rest.find((record) => record.seq === 11)?.reason).toBe('changed');
    });

    it('yields nothing for an empty trail', async () => {
      const store = await ready();
      expect(await all(store.stream({}))).toEqual([]);
    });
  });

  describe('verify', () => {
    it('reports an empty trail as intact', async () => {
      const store = await ready();
      expect(await store.verify()).toEqual({ ok: true, checked: 0, firstBroken: null, headHash: null });
    });

    it('reports an intact chain with its head hash, across several batches', async () => {
      const store = await ready({ batchSize: 3 });
      const records = await seed(store);
      expect(await store.verify()).toEqual({ ok: true, checked: 9, firstBroken: null, headHash: records.at(-1)?.hash });
    });

    it('is protected by the database: records cannot be changed or deleted through SQL', async () => {
      const store = await ready();
      await seed(store);
      await expect(harness.sql(`UPDATE audit_records SET reason = 'x' WHERE seq = 3`)).rejects.toThrow(/append-only/);
      await expect(harness.sql('DELETE FROM audit_records WHERE seq = 9')).rejects.toThrow(/append-only/);
      await expect(harness.sql('UPDATE audit_chain_head SET seq = 3')).rejects.toThrow(/only moves forward/);
      expect((await store.verify()).ok).toBe(true);
    });

    it('finds a record whose content was changed (seq 3)', async () => {
      const store = await ready();
      await seed(store);
      await harness.sql(harness.allowTampering);
      await harness.sql(`UPDATE audit_records SET reason = 'nothing to see here' WHERE seq = 3`);
      const result = await store.verify();
      expect(result.ok).toBe(false);
      expect(result.firstBroken?.seq).toBe(3);
      expect(result.firstBroken?.problem).toMatch(/content hash mismatch/);
      expect(result.checked).toBe(3);
    });

    it('finds a changed record whose own hash was recomputed, at the next link', async () => {
      const store = await ready();
      const records = await seed(store);
      const third = records[2];
      if (!third) throw new Error('seed');
      const { hash: _hash, ...content } = { ...third, reason: 'rewritten' };
      await harness.sql(harness.allowTampering);
      await harness.sql('UPDATE audit_records SET reason = $1, hash = $2 WHERE seq = 3', ['rewritten', hashAuditContent(content)]);
      const result = await store.verify();
      expect(result.firstBroken).toEqual({ seq: 4, problem: expect.stringMatching(/prev-hash mismatch/) });
    });

    it('finds a deleted record as a gap', async () => {
      const store = await ready();
      await seed(store);
      await harness.sql(harness.allowTampering);
      await harness.sql('DELETE FROM audit_records WHERE seq = 5');
      const result = await store.verify();
      expect(result.firstBroken).toEqual({ seq: 5, problem: expect.stringMatching(/^gap/) });
      expect(result.checked).toBe(4);
    });

    it('finds records cut off the end of the trail', async () => {
      const store = await ready();
      await seed(store);
      await harness.sql(harness.allowTampering);
      await harness.sql('DELETE FROM audit_records WHERE seq >= 8');
      const result = await store.verify();
      expect(result.firstBroken).toEqual({ seq: 8, problem: expect.stringMatching(/missing from the end/) });
    });

    it('finds a record that cannot be read back', async () => {
      const store = await ready();
      await seed(store);
      await harness.sql(harness.allowTampering);
      await harness.sql(`UPDATE audit_records SET details = '{broken' WHERE seq = 8`);
      expect((await store.verify()).firstBroken).toEqual({ seq: 8, problem: 'unreadable record: details is not JSON' });
    });
  });

  describe('when the database cannot be written', () => {
    it('rejects with 503 audit_unavailable after close, without hanging', async () => {
      const store = await ready();
      await store.append(entry());
      await store.close();
      await expectUnavailable(store.append(entry()));
      await expectUnavailable(store.query({}));
      await expectUnavailable(store.verify());
      await expectUnavailable(all(store.stream({})));
    });

    for (const outage of harness.outages()) {
      it(`rejects with 503 audit_unavailable, without hanging: ${outage.name}`, async () => {
        const { store, release } = await outage.store();
        track(store);
        try {
          await expectUnavailable(store.append(entry()));
        } finally {
          await release?.();
        }
      });
    }
  });
}

describe('SQLite audit store', () => {
  let dir = '';
  const file = () => path.join(dir, 'audit.sqlite');

  auditStoreSuite({
    name: 'sqlite',
    async reset() {
      if (dir) rmSync(dir, { recursive: true, force: true });
      dir = mkdtempSync(path.join(tmpdir(), 'sd-audit-'));
    },
    open: (options) => track(new SqliteAuditStore({ file: file(), ...options })),
    async sql(statement, params = []) {
      const db = new DatabaseSync(file());
      try {
        if (params.length === 0) db.exec(statement);
        else db.prepare(statement.replace(/\$(\d+)/g, '?$1')).run(...params);
      } finally {
        db.close();
      }
    },
    allowTampering: 'DROP TRIGGER audit_records_no_update; DROP TRIGGER audit_records_no_delete;',
    outages: () => [
      {
        name: 'the data directory cannot be created',
        async store() {
          const blocker = path.join(dir, 'not-a-directory');
          writeFileSync(blocker, '');
          const store = new SqliteAuditStore({ file: path.join(blocker, 'audit.sqlite') });
          // init reports the outage; append on a store that never opened must too.
          await expectUnavailable(store.init());
          return { store };
        },
      },
      {
        name: 'another process holds the write lock',
        async store() {
          const store = new SqliteAuditStore({ file: file(), busyTimeoutMs: 200 });
          await store.init();
          const holder = new DatabaseSync(file());
          holder.exec('BEGIN IMMEDIATE');
          return {
            store,
            release: () => {
              holder.exec('ROLLBACK');
              holder.close();
            },
          };
        },
      },
    ],
  });

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
});

const adminUrl = postgresAdminUrl;
const runPostgres = runPostgresTests;
if (!runPostgres) console.warn(`[audit] PostgreSQL not reachable at ${adminUrl}: skipping the PostgreSQL audit store tests`);

async function withClient<T>(connectionString: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

describe.skipIf(!runPostgres)('PostgreSQL audit store', () => {
  const database = `sd_audit_test_${randomBytes(6).toString('hex')}`;
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  const testUrl = url.href;
  const silent: Array<{ server: Server; sockets: Set<Socket> }> = [];

  beforeAll(async () => {
    await withClient(adminUrl, (client) => client.query(`CREATE DATABASE ${database}`));
  });

  afterAll(async () => {
    for (const { server, sockets } of silent) {
      for (const socket of sockets) socket.destroy();
      server.close();
    }
    await withClient(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
  });

  /** A server that accepts connections and never answers: a hung database. */
  async function silentServer(): Promise<number> {
    const sockets = new Set<Socket>();
    const server = createServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    silent.push({ server, sockets });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (typeof address !== 'object' || address === null) throw new Error('no port');
    return address.port;
  }

  auditStoreSuite({
    name: 'postgres',
    async reset() {
      await withClient(testUrl, (client) => client.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public;'));
    },
    open: (options) => track(new PostgresAuditStore({ connectionString: testUrl, ...options })),
    async sql(statement, params = []) {
      await withClient(testUrl, (client) => client.query(statement, params));
    },
    allowTampering: 'ALTER TABLE audit_records DISABLE TRIGGER USER',
    outages: () => [
      {
        name: 'nothing listens on the port',
        async store() {
          const closed = new URL(testUrl);
          closed.port = '1';
          return { store: new PostgresAuditStore({ connectionString: closed.href }) };
        },
      },
      {
        name: 'the server accepts connections but never answers',
        async store() {
          const hung = new URL(testUrl);
          hung.port = String(await silentServer());
          return { store: new PostgresAuditStore({ connectionString: hung.href, timeoutMs: 300 }) };
        },
      },
      {
        name: 'another process holds the chain lock',
        async store() {
          const store = new PostgresAuditStore({ connectionString: testUrl, timeoutMs: 300 });
          await store.init();
          const holder = new Client({ connectionString: testUrl });
          await holder.connect();
          await holder.query('BEGIN');
          await holder.query('SELECT * FROM audit_chain_head FOR UPDATE');
          return { store, release: () => holder.end() };
        },
      },
      {
        name: 'the pool was ended',
        async store() {
          const store = new PostgresAuditStore({ connectionString: testUrl });
          await store.init();
          await store.close();
          return { store };
        },
      },
    ],
  });
});
