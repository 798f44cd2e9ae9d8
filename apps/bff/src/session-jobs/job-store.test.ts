import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { JobItem, SessionJob } from '@session-desk/contracts';
import { closedAfterEach, forEachStoreKind } from '../testing/postgres.js';
import { createJobStore } from './create-job-store.js';
import { storedJobFromRow, type JobStore } from './job-store.js';

/** Long enough that a fresh checkpoint stays fresh through a few queries on a loaded machine. */
const STALE_MS = 2_000;

function newJob(): SessionJob {
  const items: JobItem[] = ['a', 'b', 'c'].map((id) => ({ sessionId: id, type: 'regular', userId: 'u1', username: 'user', outcome: 'pending', error: null }));
  return {
    id: randomUUID(),
    realm: 'demo',
    state: 'running',
    reason: 'incident',
    createdBy: { id: 'op', username: 'desk-admin' },
    createdAt: new Date().toISOString(),
    finishedAt: null,
    total: 3,
    done: 0,
    failed: 0,
    left: 3,
    stopReason: null,
    items,
  };
}

function jobStoreSuite(name: string, open: () => Promise<JobStore>) {
  describe(`job store (${name})`, () => {
    const opened = closedAfterEach<JobStore>();
    const store = async () => opened(await open());

    it('stores a job with every item, then follows its counters and final document', async () => {
      const jobs = await store();
      const job = newJob();
      await jobs.create(job, 'instance-a');
      expect(await jobs.checkpoint(job.id, 'instance-a', { done: 1, failed: 1, left: 1 })).toEqual({ cancelRequested: false });
      const running = await jobs.get(job.id);
      expect(running).toMatchObject({ owner: 'instance-a', cancelRequested: false, stale: false, job: { state: 'running', done: 1, failed: 1, left: 1 } });
      expect(running?.job.items.map((item) => item.sessionId)).toEqual(['a', 'b', 'c']);

      const final: SessionJob = {
        ...job,
        state: 'completed',
        finishedAt: new Date().toISOString(),
        done: 3,
        left: 0,
        items: job.items.map((item) => ({ ...item, outcome: 'ended' })),
      };
      await jobs.finish(final, 'instance-a');
      expect((await jobs.get(job.id))?.job).toEqual(final);
      expect(await jobs.get(randomUUID())).toBeNull();
    });

    it('passes a cancel to the owner at its next checkpoint, and only while the job runs', async () => {
      const jobs = await store();
      const job = newJob();
      await jobs.create(job, 'instance-a');
      await jobs.requestCancel(job.id);
      expect((await jobs.get(job.id))?.cancelRequested).toBe(true);
      expect(await jobs.checkpoint(job.id, 'instance-a', { done: 0, failed: 0, left: 3 })).toEqual({ cancelRequested: true });
      expect(await jobs.checkpoint(job.id, 'instance-b', { done: 0, failed: 0, left: 3 })).toBeNull();
    });

    it('declares a job without checkpoints stale, lets one instance interrupt it, and stops its owner', async () => {
      const jobs = await store();
      const job = newJob();
      const fresh = newJob();
      await jobs.create(job, 'instance-a');
      await jobs.create(fresh, 'instance-b');
      const interrupted: SessionJob = { ...job, state: 'interrupted', done: 1, left: 2, items: job.items.map((item, i) => ({ ...item, outcome: i === 0 ? 'ended' : 'skipped' })) };
      expect(await jobs.interrupt(interrupted)).toBe(false);

      // Wait for the condition (bounded by the test timeout), not for a fixed time.
      while ((await jobs.get(job.id))?.stale !== true) await sleep(50);
      await jobs.checkpoint(fresh.id, 'instance-b', { done: 0, failed: 0, left: 3 });
      expect((await jobs.get(job.id))?.stale).toBe(true);
      expect(await jobs.staleIds()).toContain(job.id);
      expect(await jobs.staleIds()).not.toContain(fresh.id);

      expect(await jobs.interrupt(interrupted)).toBe(true);
      expect(await jobs.interrupt(interrupted)).toBe(false);
      const stored = await jobs.get(job.id);
      expect(stored).toMatchObject({ stale: false, job: { state: 'interrupted', done: 1, failed: 0, left: 2 } });
      expect(await jobs.checkpoint(job.id, 'instance-a', { done: 2, failed: 0, left: 1 })).toBeNull();

      // The owner that was only slow, not dead, knows its outcomes exactly and has the last word.
      const exact: SessionJob = { ...interrupted, done: 2, left: 1, items: job.items.map((item, i) => ({ ...item, outcome: i < 2 ? 'ended' : 'skipped' })) };
      await jobs.finish(exact, 'instance-a');
      expect((await jobs.get(job.id))?.job).toEqual(exact);
    });

    it('prunes finished jobs only', async () => {
      const jobs = await store();
      const running = newJob();
      const finished = newJob();
      await jobs.create(running, 'instance-a');
      await jobs.create(finished, 'instance-a');
      await jobs.finish({ ...finished, state: 'cancelled', finishedAt: new Date().toISOString() }, 'instance-a');
      expect(await jobs.prune(new Date(Date.now() + 60_000))).toBe(1);
      expect(await jobs.get(finished.id)).toBeNull();
      expect(await jobs.get(running.id)).not.toBeNull();
    });
  });
}

forEachStoreKind('jobs', 'job store', (kind, place) =>
  jobStoreSuite(kind, async () => {
    const store = createJobStore({ ...(await place()), staleMs: STALE_MS });
    if (kind === 'postgres') await store.init();
    return store;
  }),
);

describe('storedJobFromRow', () => {
  it('reads a job stored before stopReason existed with stopReason null, and keeps a stored one', () => {
    const { stopReason: _absent, ...older } = { ...newJob(), state: 'cancelled' as const };
    const row = { doc: JSON.stringify(older), state: 'cancelled', owner: 'bff-1', cancel_requested: 0, done: 0, failed: 0, left_count: 3, updated_at: Date.now(), stale: 0 };
    expect(storedJobFromRow(row).job.stopReason).toBeNull();
    const refused = { ...older, stopReason: 'Keycloak no longer grants you a Session Desk role.' };
    expect(storedJobFromRow({ ...row, doc: JSON.stringify(refused) }).job.stopReason).toBe(refused.stopReason);
  });
});
