import { describe, expect, it } from 'vitest';
import { rebuildGapMs } from './rebuild-interval.js';

describe('rebuildGapMs', () => {
  it('keeps the configured TTL while builds are quick', () => {
    expect(rebuildGapMs({ ttlMs: 10_000, buildMs: 500, maxShare: 0.1 })).toBe(10_000);
  });

  it('stretches the gap so builds take at most the ceiling share of the time', () => {
    const buildMs = 4_000;
    const gap = rebuildGapMs({ ttlMs: 10_000, buildMs, maxShare: 0.1 });
    expect(gap).toBe(36_000);
    expect(buildMs / (buildMs + gap)).toBeCloseTo(0.1, 6);
    expect(rebuildGapMs({ ttlMs: 0, buildMs: 1_000, maxShare: 0.25 })).toBe(3_000);
  });

  it('does not stretch at a ceiling of 100%, and refuses a ceiling outside (0, 1]', () => {
    expect(rebuildGapMs({ ttlMs: 0, buildMs: 9_000, maxShare: 1 })).toBe(0);
    expect(() => rebuildGapMs({ ttlMs: 0, buildMs: 1, maxShare: 0 })).toThrow(RangeError);
    expect(() => rebuildGapMs({ ttlMs: 0, buildMs: 1, maxShare: 1.5 })).toThrow(RangeError);
  });
});
