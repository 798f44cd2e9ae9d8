// Item 4: operators paging the realm at once while the BFF's memory is sampled.
import type { BffProcess } from '../lib/bff-process.ts';
import type { Operator } from '../lib/operator.ts';
import type { Summary } from '../lib/stats.ts';
import { summarize } from '../lib/stats.ts';
import { LOAD_SECONDS, listPath } from '../lib/context.ts';

export interface LoadResult {
  operators: number;
  seconds: number;
  requests: number;
  non2xx: number;
  networkErrors: number;
  statuses: Record<string, number>;
  latency: Summary | null;
  requestsPerSecond: number;
  rssBeforeMiB: number | null;
  rssMaxSampledMiB: number | null;
  vmHwmMiB: number | null;
  rssSamples: number;
}

export const SORTS = ['lastAccess:desc', 'lastAccess:asc', 'started:desc', 'username:asc', 'username:desc'];

/** `operators` signed-in jars page through the realm at once for `seconds`, while the BFF's memory is sampled. */
export async function loadTest(server: BffProcess, operators: readonly Operator[]): Promise<LoadResult> {
  const before = server.memory();
  let maxRss = before?.rssMiB ?? 0;
  let rssSamples = 0;
  const sampler = setInterval(() => {
    const m = server.memory();
    if (m) {
      rssSamples++;
      maxRss = Math.max(maxRss, m.rssMiB);
    }
  }, 100);
  const statuses = new Map<string, number>();
  const latencies: number[] = [];
  let networkErrors = 0;
  const deadline = performance.now() + LOAD_SECONDS * 1000;
  const started = performance.now();
  try {
    await Promise.all(
      operators.map(async (operator, n) => {
        for (let i = 0; performance.now() < deadline; i++) {
          const page = (n * 7 + i * 13) % 200;
          const query: Record<string, string> = { first: String(page * 50), max: '50', sort: SORTS[(n + i) % SORTS.length] as string };
          if (i % 5 === 4) query['q'] = `large-user-0${(n + i) % 10}`;
          if (i % 7 === 6) query['type'] = i % 2 ? 'offline' : 'regular';
          const t0 = performance.now();
          try {
            const status = await operator.status(listPath(query));
            latencies.push(performance.now() - t0);
            statuses.set(String(status), (statuses.get(String(status)) ?? 0) + 1);
          } catch {
            networkErrors++;
          }
        }
      }),
    );
  } finally {
    clearInterval(sampler);
  }
  const after = server.memory();
  if (after) maxRss = Math.max(maxRss, after.rssMiB);
  const seconds = (performance.now() - started) / 1000;
  const requests = [...statuses.values()].reduce((s, v) => s + v, 0);
  const non2xx = [...statuses].filter(([status]) => !status.startsWith('2')).reduce((s, [, v]) => s + v, 0);
  return {
    operators: operators.length,
    seconds: Math.round(seconds * 10) / 10,
    requests,
    non2xx,
    networkErrors,
    statuses: Object.fromEntries(statuses),
    latency: latencies.length ? summarize(latencies) : null,
    requestsPerSecond: Math.round(requests / seconds),
    rssBeforeMiB: before ? Math.round(before.rssMiB * 10) / 10 : null,
    rssMaxSampledMiB: Math.round(maxRss * 10) / 10,
    vmHwmMiB: after ? Math.round(after.hwmMiB * 10) / 10 : null,
    rssSamples,
  };
}
