import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HttpError } from '../http/errors.js';
import { keycloakTimeout } from '../keycloak/errors.js';
import { auditUnavailable } from './audit-errors.js';
import type { AuditFilter, AuditPage, AuditRecord, AuditStore, AuditStreamFilter, NewAuditEntry, VerifyResult } from './audit-store.js';
import { AuditTrail, errorText, type AuditActor, type AuditIntent } from './audit-trail.js';
import { SqliteAuditStore } from './sqlite-audit-store.js';

/** A real store whose next appends can be made to fail like an unreachable database. */
class FlakyStore implements AuditStore {
  readonly kind = 'sqlite';
  failures = 0;
  readonly inner: AuditStore;

  constructor(inner: AuditStore) {
    this.inner = inner;
  }

  init(): Promise<void> {
    return this.inner.init();
  }

  append(entry: NewAuditEntry): Promise<AuditRecord> {
    if (this.failures > 0) {
      this.failures -= 1;
      return Promise.reject(auditUnavailable(new Error('database down')));
    }
    return this.inner.append(entry);
  }

  query(filter: AuditFilter): Promise<AuditPage> {
    return this.inner.query(filter);
  }

  stream(filter: AuditStreamFilter): AsyncIterable<AuditRecord> {
    return this.inner.stream(filter);
  }

  verify(): Promise<VerifyResult> {
    return this.inner.verify();
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}

const actor: AuditActor = { operator: { id: 'op-1', username: 'alice', role: 'helpdesk' }, requestId: 'req-12345678', ip: '192.0.2.1' };
const intent: AuditIntent = {
  realm: 'demo',
  action: 'user.logout',
  targetUser: { id: 'u-1', username: 'bob' },
  reason: 'Phone stolen',
};

let dir = '';
let store: FlakyStore;
let trail: AuditTrail;
const unrecorded = vi.fn();

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'sd-audit-trail-'));
  store = new FlakyStore(new SqliteAuditStore({ file: path.join(dir, 'audit.sqlite') }));
  await store.init();
  unrecorded.mockReset();
  trail = new AuditTrail(store, { retryDelayMs: 1, onUnrecorded: unrecorded });
});

afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (err: unknown) => err,
  );
}

describe('AuditTrail.run', () => {
  it('records the attempt before the action and the outcome after it', async () => {
    const seen: number[] = [];
    const result = await trail.run(
      actor,
      intent,
      async () => {
        seen.push((await store.verify()).checked);
        return { endedRegular: 2 };
      },
      (outcome) => ({ endedRegular: outcome.endedRegular, endedOffline: 0 }),
    );
    expect(result).toEqual({ endedRegular: 2 });
    expect(seen).toEqual([1]);
    const { items } = await store.query({});
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      seq: 2,
      attemptSeq: 1,
      outcome: 'succeeded',
      action: 'user.logout',
      operator: actor.operator,
      targetUser: intent.targetUser,
      reason: 'Phone stolen',
      requestId: 'req-12345678',
      ip: '192.0.2.1',
      details: { endedOffline: 0, endedRegular: 2 },
      error: null,
    });
  });

  it("completes the attempt with its own fields and details, and checks only the outcome's new parts", async () => {
    const attempt = await trail.begin(actor, { ...intent, details: { type: 'regular', ipAddress: '198.51.100.7' } });
    const outcome = await attempt.failed(new Error('broken \uD800 text'));
    expect(outcome).toMatchObject({
      attemptSeq: attempt.record.seq,
      operator: actor.operator,
      targetUser: intent.targetUser,
      reason: 'Phone stolen',
      details: { type: 'regular', ipAddress: '198.51.100.7' },
      // Stored as it can be read back and hashed: the lone surrogate replaced.
      error: 'broken \uFFFD text',
    });
    const second = await trail.begin(actor, intent);
    const huge = await rejection(second.succeeded({ blob: 'x'.repeat(10_000) }));
    expect(huge).not.toBeInstanceOf(HttpError);
    expect(String(huge)).toMatch(/details/);
    expect(await store.verify()).toMatchObject({ ok: true, checked: 3 });
  });

  it('records a failed action with its error and rethrows that error', async () => {
    const keycloakDown = new HttpError(503, 'keycloak_unavailable', 'Keycloak cannot be reached right now.');
    const err = await rejection(trail.run(actor, intent, () => Promise.reject(keycloakDown)));
    expect(err).toBe(keycloakDown);
    const { items } = await store.query({});
    expect(items).toEqual([expect.objectContaining({ outcome: 'failed', attemptSeq: 1, error: 'keycloak_unavailable: Keycloak cannot be reached right now.' })]);
  });

  it('leaves the outcome unknown, in the trail and the answer, when Keycloak did not answer the call in time', async () => {
    const late = keycloakTimeout(new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
    const err = await rejection(trail.run(actor, intent, () => Promise.reject(late)));
    expect(err).toBeInstanceOf(HttpError);
    expect(err).toMatchObject({ status: 504, code: 'keycloak_timeout', cause: late });
    expect((err as HttpError).message).toMatch(/not known whether it carried this out/);
    // Only the attempt: an attempt without an outcome is what the trail calls unknown.
    expect((await store.query({})).items).toEqual([expect.objectContaining({ outcome: 'unknown', seq: 1 })]);
    expect((await store.query({ outcome: 'unknown' })).items).toEqual([expect.objectContaining({ seq: 1 })]);
    expect((await store.query({ outcome: 'failed' })).items).toEqual([]);
  });

  it('does nothing and answers 503 when the attempt cannot be recorded', async () => {
    store.failures = 1;
    const action = vi.fn(() => Promise.resolve('done'));
    const err = await rejection(trail.run(actor, intent, action));
    expect(action).not.toHaveBeenCalled();
    expect(err).toMatchObject({ status: 503, code: 'audit_unavailable', message: expect.stringMatching(/nothing was changed/) });
    expect((await store.verify()).checked).toBe(0);
  });

  it('retries the outcome record once', async () => {
    await trail.run(actor, intent, () => {
      store.failures = 1;
      return Promise.resolve('done');
    });
    expect((await store.query({})).items.map((record) => record.outcome)).toEqual(['succeeded']);
    expect(unrecorded).not.toHaveBeenCalled();
  });

  it('says the action happened when its success cannot be recorded, and leaves the attempt as unknown', async () => {
    const action = vi.fn(() => {
      store.failures = 2;
      return Promise.resolve('done');
    });
    const err = await rejection(trail.run(actor, intent, action));
    expect(action).toHaveBeenCalledOnce();
    expect(err).toMatchObject({ status: 503, code: 'audit_unavailable', message: expect.stringMatching(/was sent to Keycloak/) });
    expect(unrecorded).toHaveBeenCalledOnce();
    expect((await store.query({})).items).toEqual([expect.objectContaining({ seq: 1, outcome: 'unknown' })]);
  });

  it('answers with the action error when neither the action nor its failure record succeed', async () => {
    const boom = new Error('boom');
    const err = await rejection(
      trail.run(actor, intent, () => {
        store.failures = 2;
        return Promise.reject(boom);
      }),
    );
    expect(err).toBe(boom);
    expect(unrecorded).toHaveBeenCalledOnce();
    expect((await store.query({ outcome: 'unknown' })).items).toHaveLength(1);
  });
});

describe('AuditTrail.begin', () => {
  it('lets a caller record partial results on failure, once', async () => {
    const attempt = await trail.begin(actor, { ...intent, jobId: 'job-7' });
    expect(attempt.record).toMatchObject({ seq: 1, outcome: 'attempted', jobId: 'job-7' });
    const failed = await attempt.failed(new Error('offline sessions kept'), { endedRegular: 3, endedOffline: 0 });
    expect(failed).toMatchObject({ outcome: 'failed', attemptSeq: 1, jobId: 'job-7', error: 'offline sessions kept', details: { endedRegular: 3, endedOffline: 0 } });
    await expect(attempt.succeeded()).rejects.toThrow(/already completed/);
  });
});

describe('AuditTrail.refuse', () => {
  it('writes one refused record with the reason for the refusal', async () => {
    const refused = await trail.refuse(actor, intent, 'bob is a Session Desk administrator');
    expect(refused).toMatchObject({ seq: 1, outcome: 'refused', attemptSeq: null, error: 'bob is a Session Desk administrator' });
    expect((await store.query({})).items).toEqual([refused]);
  });

  it('rejects with 503 when the refusal cannot be recorded', async () => {
    store.failures = 1;
    expect(await rejection(trail.refuse(actor, intent, 'no'))).toMatchObject({ status: 503, code: 'audit_unavailable' });
  });
});

describe('errorText', () => {
  it('names the code of an HTTP error and cuts long messages', () => {
    expect(errorText(new HttpError(502, 'keycloak_error', 'Keycloak answered with an error (HTTP 500).'))).toBe(
      'keycloak_error: Keycloak answered with an error (HTTP 500).',
    );
    expect(errorText('plain')).toBe('plain');
    const long = errorText(new Error('x'.repeat(5_000)));
    expect(long).toHaveLength(1_000);
    expect(long.endsWith('…')).toBe(true);
  });
});
