import { describe, expect, it } from 'vitest';
import type { AuditRecord, JobItem, SessionJob } from '@session-desk/contracts';
import { SESSION_GONE as GONE_ERROR, SESSION_NOT_IN_REALM } from '../actions/action-runner.js';
import { countsOf, reconcileJob, UNRECORDED_ERROR } from './job-reconcile.js';

const JOB = 'job-0001';
let seq = 0;

function item(sessionId: string, overrides: Partial<JobItem> = {}): JobItem {
  return { sessionId, type: 'regular', userId: `u-${sessionId}`, username: `user-${sessionId}`, outcome: 'pending', error: null, ...overrides };
}

function job(items: JobItem[]): SessionJob {
  return {
    id: JOB,
    realm: 'demo',
    state: 'running',
    reason: 'incident',
    createdBy: { id: 'op', username: 'desk-admin' },
    createdAt: '2025-01-01T00:00:00.000Z',
    finishedAt: null,
    total: items.length,
    ...countsOf(items),
    stopReason: null,
    items,
  };
}

function record(sessionId: string, outcome: AuditRecord['outcome'], overrides: Partial<AuditRecord> = {}): AuditRecord {
  seq += 1;
  return {
    seq,
    id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    at: '2025-01-01T00:00:01.000Z',
    operator: { id: 'op', username: 'desk-admin', role: 'admin' },
    realm: 'demo',
    targetUser: { id: `u-${sessionId}`, username: `user-${sessionId}` },
    sessionId,
    action: 'bulk.item',
    reason: 'incident',
    outcome,
    error: null,
    details: { type: 'regular' },
    requestId: 'req-1',
    ip: '127.0.0.1',
    jobId: JOB,
    attemptSeq: outcome === 'succeeded' || outcome === 'failed' ? seq - 1 : null,
    hash: '0'.repeat(64),
    prevHash: '0'.repeat(64),
    ...overrides,
  };
}

const outcomes = (reconciled: SessionJob) => Object.fromEntries(reconciled.items.map((i) => [`${i.type}:${i.sessionId}`, [i.outcome, i.error]]));

describe('reconcileJob', () => {
  it('rebuilds every item from the trail and recomputes the counters', () => {
    const stored = job([item('a'), item('b'), item('c'), item('d'), item('e'), item('f'), item('g')]);
    const reconciled = reconcileJob(
      stored,
      [
        record('a', 'succeeded'),
        record('b', 'failed', { error: GONE_ERROR }),
        record('c', 'failed', { error: 'keycloak_error: Keycloak answered 500' }),
        record('d', 'refused', { error: 'not allowed on an administrator' }),
        record('e', 'unknown'),
      ],
      '2025-01-01T00:00:05.000Z',
    );
    expect(outcomes(reconciled)).toEqual({
      'regular:a': ['ended', null],
      'regular:b': ['already-gone', GONE_ERROR],
      'regular:c': ['failed', 'keycloak_error: Keycloak answered 500'],
      'regular:d': ['refused', 'not allowed on an administrator'],
      'regular:e': ['unknown', UNRECORDED_ERROR],
      'regular:f': ['skipped', null],
      'regular:g': ['skipped', null],
    });
    expect(reconciled).toMatchObject({ state: 'interrupted', finishedAt: '2025-01-01T00:00:05.000Z', total: 7, done: 2, failed: 3, left: 2 });
  });

  it('ignores whatever stored counters said: only the trail counts', () => {
    const stored = { ...job([item('a'), item('b'), item('c')]), done: 1, failed: 0, left: 2 };
    const reconciled = reconcileJob(stored, [record('a', 'succeeded'), record('b', 'succeeded'), record('c', 'succeeded')], 'now');
    expect(reconciled).toMatchObject({ done: 3, failed: 0, left: 0 });
  });

  it('keeps items settled before the job ran, and does not touch the input', () => {
    const stored = job([item('a', { userId: null, username: null, outcome: 'already-gone', error: 'not found in the realm when the job started' }), item('b')]);
    const before = structuredClone(stored);
    const reconciled = reconcileJob(stored, [record('a', 'succeeded')], 'now');
    expect(outcomes(reconciled)).toEqual({
      'regular:a': ['already-gone', 'not found in the realm when the job started'],
      'regular:b': ['skipped', null],
    });
    expect(reconciled).toMatchObject({ done: 1, failed: 0, left: 1 });
    expect(stored).toEqual(before);
  });

  it('reads an item recorded as not in the realm when the job started as already gone', () => {
    const stored = job([item('a', { userId: null, username: null }), item('b')]);
    const reconciled = reconcileJob(stored, [record('a', 'failed', { targetUser: null, error: SESSION_NOT_IN_REALM })], 'now');
    expect(outcomes(reconciled)).toEqual({ 'regular:a': ['already-gone', SESSION_NOT_IN_REALM], 'regular:b': ['skipped', null] });
    expect(reconciled).toMatchObject({ done: 1, failed: 0, left: 1 });
  });

  it('tells a regular session from the offline session with the same id', () => {
    const stored = job([item('s'), item('s', { type: 'offline' })]);
    const reconciled = reconcileJob(stored, [record('s', 'succeeded', { details: { type: 'offline' } })], 'now');
    expect(outcomes(reconciled)).toEqual({ 'regular:s': ['skipped', null], 'offline:s': ['ended', null] });
  });

  it("ignores other jobs' records, other actions and the job-level refusal without a session", () => {
    const stored = job([item('a'), item('b')]);
    const reconciled = reconcileJob(
      stored,
      [
        record('a', 'succeeded', { jobId: 'another-job' }),
        record('a', 'succeeded', { action: 'session.end' }),
        record('b', 'refused', { sessionId: null, error: 'too many' }),
      ],
      'now',
    );
    expect(reconciled.items.every((i) => i.outcome === 'skipped')).toBe(true);
    expect(reconciled).toMatchObject({ done: 0, failed: 0, left: 2 });
  });

  it('lets a recorded success win over an attempt shown without outcome for the same item', () => {
    const reconciled = reconcileJob(job([item('a')]), [record('a', 'unknown'), record('a', 'succeeded')], 'now');
    expect(reconciled.items[0]).toMatchObject({ outcome: 'ended', error: null });
  });
});
