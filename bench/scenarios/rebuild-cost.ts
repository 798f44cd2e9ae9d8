// Item 6: what one warm snapshot rebuild costs Keycloak, in Admin API calls (the BFF's own counter) and time.
import type { RunningKeycloak } from '@session-desk/keycloak-local';
import { setTimeout as sleep } from 'node:timers/promises';
import { adminCalls } from '../lib/metrics.ts';
import { signIn } from '../lib/operator.ts';
import type { Operator } from '../lib/operator.ts';
import { FIRST_PAGE, OPERATOR, asListResponse, listPath, log, startBff, stopBff } from '../lib/context.ts';

export interface RebuildCost {
  /** Admin API calls of each warm rebuild measured, and their median. */
  calls: number[];
  medianCalls: number;
  buildMs: number[];
  medianBuildMs: number;
  /** Sessions in the snapshot, and the users the realm held. */
  sessions: number;
  realmUsers: number;
}

const TTL_SECONDS = 3;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/** Lists until the snapshot's builtAt differs from `after` and no build is running; its list answer. */
async function nextBuild(operator: Operator, after: string | undefined, deadline: number) {
  for (;;) {
    const list = asListResponse(await operator.get(listPath(FIRST_PAGE)));
    const builtAt = (list.snapshot as { builtAt?: string } | undefined)?.builtAt;
    if (builtAt !== after && !list.snapshot?.refreshing) return list;
    if (performance.now() > deadline) throw new Error('no new snapshot within 10 min');
    await sleep(200);
  }
}

/**
 * A fresh BFF (snapshot TTL 3 s, no load ceiling) builds the realm's snapshot cold, then `rounds`
 * warm rebuilds are each triggered by a list after the TTL; the calls between two readings of the
 * BFF's `session_desk_keycloak_call_duration_seconds_count` are that rebuild's (lists cost none).
 */
export async function measureRebuildCost(kc: RunningKeycloak, dataDir: string, realmUsers: number, rounds = 3): Promise<RebuildCost> {
  const server = await startBff(kc, dataDir, { SNAPSHOT_TTL_SECONDS: String(TTL_SECONDS), SNAPSHOT_MAX_REBUILD_PERCENT: '100' });
  try {
    const operator = await signIn(server.url, OPERATOR.username, OPERATOR.password);
    const deadline = performance.now() + 600_000;
    let list = await nextBuild(operator, undefined, deadline);
    const calls: number[] = [];
    const buildMs: number[] = [];
    for (let i = 0; i < rounds; i++) {
      await sleep(TTL_SECONDS * 1000 + 200);
      const before = await adminCalls(server);
      const builtAt = (list.snapshot as { builtAt?: string } | undefined)?.builtAt;
      list = await nextBuild(operator, builtAt, deadline);
      calls.push((await adminCalls(server)) - before);
      buildMs.push(list.snapshot?.buildMs ?? Number.NaN);
      log(`rebuild ${i + 1}/${rounds}: ${calls[i]} Admin API calls, ${buildMs[i]} ms, ${list.total} sessions`);
    }
    return { calls, medianCalls: median(calls), buildMs, medianBuildMs: median(buildMs), sessions: list.total, realmUsers };
  } finally {
    await stopBff();
  }
}
