// Reads a BFF's Prometheus counters (its METRICS_PORT, 127.0.0.1 only): Admin API calls and request latency.
import type { BffProcess } from './bff-process.ts';

const KEYCLOAK_CALLS = 'session_desk_keycloak_call_duration_seconds_count';
const HTTP_BUCKET = 'session_desk_http_request_duration_seconds_bucket';

/** The text of /metrics, or an error naming the BFF when it has no metrics port. */
async function scrape(bff: BffProcess): Promise<string> {
  if (!bff.metricsUrl) throw new Error(`the BFF at ${bff.url} runs without METRICS_PORT`);
  const response = await fetch(bff.metricsUrl);
  if (!response.ok) throw new Error(`${bff.metricsUrl} answered HTTP ${response.status}`);
  return response.text();
}

/** Sample lines `name{labels} value` of one metric, as [labels, value]. */
function samples(text: string, name: string): Array<[string, number]> {
  const out: Array<[string, number]> = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const match = /^([^{\s]+)(\{[^}]*\})?\s+(\S+)$/.exec(line);
    if (match && match[1] === name) out.push([match[2] ?? '', Number(match[3])]);
  }
  return out;
}

/** Admin API calls the BFF made since it started (every outcome). */
export async function adminCalls(bff: BffProcess): Promise<number> {
  return samples(await scrape(bff), KEYCLOAK_CALLS).reduce((sum, [, value]) => sum + value, 0);
}

/** Cumulative request counts per upper bound (seconds) of one route's latency histogram, all statuses and methods. */
export async function routeHistogram(bff: BffProcess, route: string): Promise<Map<number, number>> {
  const buckets = new Map<number, number>();
  for (const [labels, value] of samples(await scrape(bff), HTTP_BUCKET)) {
    if (!labels.includes(`route="${route}"`)) continue;
    const le = /le="([^"]+)"/.exec(labels)?.[1];
    if (!le) continue;
    const bound = le === '+Inf' ? Number.POSITIVE_INFINITY : Number(le);
    buckets.set(bound, (buckets.get(bound) ?? 0) + value);
  }
  return buckets;
}

/**
 * The p-quantile (0…1) in ms of the requests between two histogram readings, interpolated linearly
 * inside the bucket that holds it (as Prometheus' histogram_quantile does); null without requests.
 */
export function quantileMs(before: Map<number, number>, after: Map<number, number>, q: number): number | null {
  const bounds = [...after.keys()].sort((a, b) => a - b);
  const counts = bounds.map((bound) => (after.get(bound) ?? 0) - (before.get(bound) ?? 0));
  const total = counts[counts.length - 1] ?? 0;
  if (total <= 0) return null;
  const rank = q * total;
  let lowerBound = 0;
  let lowerCount = 0;
  for (let i = 0; i < bounds.length; i++) {
    const bound = bounds[i] as number;
    const count = counts[i] as number;
    if (count >= rank) {
      if (!Number.isFinite(bound)) return Math.round(lowerBound * 1000 * 100) / 100;
      const share = count === lowerCount ? 0 : (rank - lowerCount) / (count - lowerCount);
      return Math.round((lowerBound + (bound - lowerBound) * share) * 1000 * 100) / 100;
    }
    lowerBound = bound;
    lowerCount = count;
  }
  return null;
}
