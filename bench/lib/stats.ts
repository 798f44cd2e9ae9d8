export interface Summary {
  n: number;
  p50: number;
  p95: number;
  min: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentile of an ascending array. */
function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

const round = (value: number, digits = 2) => (Number.isFinite(value) ? Math.round(value * 10 ** digits) / 10 ** digits : value);

export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = sorted.reduce((sum, v) => sum + v, 0) / Math.max(1, sorted.length);
  return {
    n: sorted.length,
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    min: round(sorted[0] ?? Number.NaN),
    max: round(sorted[sorted.length - 1] ?? Number.NaN),
    mean: round(mean),
  };
}

/** ours / theirs, rounded; null when either side is missing. */
export function ratio(ours: number | undefined, theirs: number | undefined, digits = 3): number | null {
  if (ours === undefined || theirs === undefined || !Number.isFinite(ours) || !Number.isFinite(theirs) || theirs === 0) return null;
  return round(ours / theirs, digits);
}

export async function timed<T>(task: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await task();
  return { ms: performance.now() - started, value };
}

/** Times one task on its own: `warmup` runs, then `samples` timed runs one after the other (ms). */
export async function sampleAlone(task: () => Promise<unknown>, options: { warmup: number; samples: number }): Promise<Summary> {
  for (let i = 0; i < options.warmup; i++) await task();
  const samples: number[] = [];
  for (let i = 0; i < options.samples; i++) samples.push((await timed(task)).ms);
  return summarize(samples);
}

/**
 * Times two tasks asking the same question, interleaved (A, B, A, B, …) after a warm-up of each,
 * so drift in the machine's load hits both sides alike.
 */
export async function comparePair(
  ours: () => Promise<unknown>,
  theirs: () => Promise<unknown>,
  options: { warmup: number; samples: number },
): Promise<{ ours: Summary; theirs: Summary }> {
  for (let i = 0; i < options.warmup; i++) {
    await ours();
    await theirs();
  }
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < options.samples; i++) {
    // Alternate which side goes first so neither always runs right after the other.
    if (i % 2 === 0) {
      a.push((await timed(ours)).ms);
      b.push((await timed(theirs)).ms);
    } else {
      b.push((await timed(theirs)).ms);
      a.push((await timed(ours)).ms);
    }
  }
  return { ours: summarize(a), theirs: summarize(b) };
}
