import { describe, expect, it } from 'vitest';
import type { AuditRecord } from '@session-desk/contracts';
import { OperatorEnds } from './operator-ends.js';
import { auditRecord } from '../testing/audit-records.js';

const T = Date.parse('2026-06-01T12:00:00Z');
let seq = 0;

function record(over: Partial<AuditRecord>): AuditRecord {
  seq += 1;
  return auditRecord({
    seq,
    at: new Date(T).toISOString(),
    targetUser: { id: 'u1', username: 'victim' },
    action: 'session.end',
    details: null,
    attemptSeq: null,
    ...over,
  });
}

const sighting = (sessionId: string, started: number, userId = 'u1') => ({ userId, sessionId, country: 'BR', started });

describe('sessions operators ended, from the trail', () => {
  it('names the sessions ended one by one or in a bulk job, when done or of unknown outcome, never when refused or failed', () => {
    const ends = new OperatorEnds();
    ends.add(record({ sessionId: 'one' }));
    ends.add(record({ action: 'bulk.item', sessionId: 'bulk' }));
    ends.add(record({ sessionId: 'pending', outcome: 'unknown' }));
    ends.add(record({ sessionId: 'refused', outcome: 'refused' }));
    ends.add(record({ sessionId: 'failed', outcome: 'failed' }));
    ends.add(record({ action: 'own-session.end', sessionId: 'own' }));
    const ended = (id: string) => ends.ended(sighting(id, T - 1000));
    expect(['one', 'bulk', 'pending', 'refused', 'failed', 'own', 'other'].filter(ended)).toEqual(['one', 'bulk', 'pending']);
  });

  it('takes a user logout as the end of every session the user had started before it, and only theirs', () => {
    const ends = new OperatorEnds();
    ends.add(record({ action: 'user.logout', at: new Date(T - 60_000).toISOString() }));
    ends.add(record({ action: 'user.logout' }));
    expect(ends.ended(sighting('before', T - 1))).toBe(true);
    expect(ends.ended(sighting('after', T + 1))).toBe(false);
    expect(ends.ended(sighting('someone else', T - 1, 'u2'))).toBe(false);
  });
});
