import { describe, expect, it } from 'vitest';
import { jobStopReason } from './session-jobs-service.js';

describe('jobStopReason', () => {
  it("drops a request's 'so nothing was changed' (the job had ended what it reached) and says what the stop left", () => {
    expect(jobStopReason('Keycloak could not confirm your Session Desk role just now, so nothing was changed. Try again in a moment.')).toBe(
      'Keycloak could not confirm your Session Desk role just now. Try again in a moment. The sessions the job had not reached were not ended; each one it reached is listed with its outcome.',
    );
  });

  it('says once that the sessions not reached were not ended', () => {
    const reason = jobStopReason('Your role may end at most 50 sessions in one job; this job has 60. The sessions not yet reached were not ended.');
    expect(reason.match(/not ended/g)).toHaveLength(1);
    expect(reason).toMatch(/^Your role may end at most 50 sessions in one job; this job has 60\. The sessions the job had not reached/);
  });
});
