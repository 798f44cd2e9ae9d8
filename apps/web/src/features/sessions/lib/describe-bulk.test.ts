import { describe, expect, it } from 'vitest';
import type { JobItemOutcome, SessionJob } from '@session-desk/contracts';
import { describeEndConsequence, describeMatchingFilter, isJobItemProblem, summarizeJob } from './describe-bulk';

describe('describeEndConsequence', () => {
  it('says users must sign in again only for the sessions that still work', () => {
    expect(describeEndConsequence(5, 0)).toBe('Whoever uses them will have to sign in again.');
    expect(describeEndConsequence(1, 0)).toBe('Whoever uses it will have to sign in again.');
    expect(describeEndConsequence(5, 2)).toBe(
      '2 of them are revoked already: Keycloak refuses their tokens, so ending only removes them from Keycloak’s list. Whoever uses the other 3 will have to sign in again.',
    );
    expect(describeEndConsequence(3, 3)).toBe('All of them are revoked already: Keycloak refuses their tokens, so ending only removes them from Keycloak’s list.');
    expect(describeEndConsequence(1, 1)).toBe('It is revoked already: Keycloak refuses its tokens, so ending only removes it from Keycloak’s list.');
  });
});

describe('describeMatchingFilter', () => {
  it('names private networks and unknown places in words, and countries as typed', () => {
    const view = { q: '', client: '', type: '' as const };
    expect(describeMatchingFilter({ ...view, country: 'private' })).toBe('from private networks');
    expect(describeMatchingFilter({ ...view, country: 'Unknown' })).toBe('from an unknown country or address');
    expect(describeMatchingFilter({ ...view, country: 'unknown address' })).toBe('from unknown addresses');
    expect(describeMatchingFilter({ ...view, country: 'BR' })).toBe('from BR');
  });
});

describe('summarizeJob', () => {
  const item = (outcome: JobItemOutcome) => ({ sessionId: `s-${outcome}`, type: 'regular' as const, userId: 'u', username: 'ann', outcome, error: null });
  const job = (outcomes: JobItemOutcome[]): SessionJob => ({
    id: 'j',
    realm: 'demo',
    state: 'completed',
    reason: 'why',
    createdBy: { id: 'o', username: 'desk-admin' },
    createdAt: '2026-12-02T09:00:00Z',
    finishedAt: '2026-12-02T09:00:01Z',
    total: outcomes.length,
    done: outcomes.filter((outcome) => outcome === 'ended' || outcome === 'already-gone').length,
    failed: outcomes.filter((outcome) => outcome === 'failed' || outcome === 'unknown' || outcome === 'refused').length,
    left: 0,
    stopReason: null,
    items: outcomes.map(item),
  });

  it('does not call a session whose answer never came one that could not be ended: Keycloak may have ended it', () => {
    expect(summarizeJob(job(['ended', 'unknown', 'failed']))).toEqual({
      tone: 'error',
      title: 'Ended 1 of 3 sessions',
      description: '1 session could not be ended, Keycloak did not answer for 1 session: whether it ended is not known (check before trying again).',
    });
    expect(summarizeJob(job(['ended', 'unknown', 'unknown'])).description).toBe('Keycloak did not answer for 2 sessions: whether they ended is not known (check before trying again).');
    expect(summarizeJob(job(['ended', 'failed'])).description).toBe('1 session could not be ended.');
    expect(isJobItemProblem('unknown')).toBe(true);
  });
});
