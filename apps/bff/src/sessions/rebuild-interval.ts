/**
 * How long after a snapshot build ends the next may start (ms), so that builds take at most
 * `maxShare` (0 < maxShare ≤ 1) of the time: a build of `buildMs` followed by a gap of `g` spends
 * buildMs ÷ (buildMs + g) of the time rebuilding, hence g ≥ buildMs × (1 − maxShare) ÷ maxShare.
 * Never shorter than `ttlMs`, the configured freshness (SNAPSHOT_TTL_SECONDS).
 */
export function rebuildGapMs(options: { ttlMs: number; buildMs: number; maxShare: number }): number {
  const { ttlMs, buildMs, maxShare } = options;
  if (!(maxShare > 0 && maxShare <= 1)) throw new RangeError(`maxShare must be in (0, 1], got ${maxShare}`);
  return Math.max(ttlMs, Math.ceil((Math.max(0, buildMs) * (1 - maxShare)) / maxShare));
}
