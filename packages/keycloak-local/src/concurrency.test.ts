import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { forEachWithConcurrency } from './concurrency.ts';

describe('forEachWithConcurrency', () => {
  it('visits every item and never exceeds the limit', async () => {
    let inFlight = 0;
    let peak = 0;
    const seen: number[] = [];
    await forEachWithConcurrency([...Array(20).keys()], 3, async (item) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await sleep(2);
      seen.push(item);
      inFlight--;
    });
    expect(seen.sort((a, b) => a - b)).toEqual([...Array(20).keys()]);
    expect(peak).toBe(3);
  });

  it('rejects with the first failure and stops taking new items', async () => {
    const started: number[] = [];
    await expect(
      forEachWithConcurrency([...Array(50).keys()], 2, async (item) => {
        started.push(item);
        await sleep(1);
        if (item === 3) throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(started.length).toBeLessThan(50);
  });
});
