import { setFlagsFromString } from 'node:v8';

/**
 * Sets how far V8 lets the old generation grow past the live heap before its next full GC:
 * `percent` 25 means a limit of 1.25 × what the last full GC kept; 0 leaves V8's own heuristic,
 * which under a busy BFF lets the limit reach about four times the live heap (bench/README.md
 * "Memory": 342–399 MiB peak under 20 operators with the 10,000-session snapshot, about 200 with 25).
 * The limit follows the live heap, so a larger realm's snapshot gets a larger heap, unlike a fixed
 * `--max-old-space-size`. V8 reads the flag at each full GC (`--heap-growing-percent`), so setting it
 * at start, before the snapshot is built, is as good as the command-line flag. Process-wide.
 */
export function setHeapGrowingPercent(percent: number): void {
  if (!Number.isInteger(percent) || percent < 0) throw new RangeError(`heap growing percent must be a whole number ≥ 0, got ${percent}`);
  if (percent > 0) setFlagsFromString(`--heap-growing-percent=${percent}`);
}
