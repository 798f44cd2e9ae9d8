import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { setHeapGrowingPercent } from './heap-growth.js';

const moduleUrl = new URL('./heap-growth.ts', import.meta.url).href;

/**
 * The largest total heap (MiB) of a child Node that keeps about 60 MiB alive while it makes as much
 * garbage that lives a little while (a server's requests in flight), after `setHeapGrowingPercent(percent)`.
 */
function peakHeapMiB(percent: number): number {
  const script = `
    import { getHeapStatistics } from 'node:v8';
    const { setHeapGrowingPercent } = await import(${JSON.stringify(moduleUrl)});
    setHeapGrowingPercent(${percent});
    const live = [];
    for (let i = 0; i < 400_000; i++) live.push({ name: 'user-' + i, seen: [i, i + 1] });
    const inFlight = [];
    let peak = 0;
    for (let round = 0; round < 2_000; round++) {
      const batch = [];
      for (let i = 0; i < 2_000; i++) batch.push({ row: 'row-' + i + '-' + round, at: [i] });
      inFlight.push(batch);
      if (inFlight.length > 20) inFlight.shift();
      peak = Math.max(peak, getHeapStatistics().total_heap_size);
    }
    console.log(Math.round(peak / 1048576), live.length);
  `;
  const out = execFileSync(process.execPath, ['--max-semi-space-size=4', '--experimental-strip-types', '--no-warnings', '--input-type=module', '-e', script], {
    cwd: fileURLToPath(new URL('.', import.meta.url)),
    encoding: 'utf8',
  });
  return Number(out.trim().split(' ')[0]);
}

describe('setHeapGrowingPercent', () => {
  it('keeps the heap near the live data where V8 alone lets it grow far past it', () => {
    const own = peakHeapMiB(0);
    const bounded = peakHeapMiB(25);
    expect(bounded).toBeLessThan(own * 0.7);
    // About 60 MiB are alive: the bounded heap still holds them.
    expect(bounded).toBeGreaterThan(60);
  }, 60_000);

  it('refuses what is not a whole number of percent', () => {
    expect(() => setHeapGrowingPercent(-1)).toThrow(RangeError);
    expect(() => setHeapGrowingPercent(2.5)).toThrow(RangeError);
  });
});
