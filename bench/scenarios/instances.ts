// Item 7: Admin API calls per minute for one realm with 20 operators on one BFF, then on two BFFs sharing Redis.
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { RunningKeycloak } from '@session-desk/keycloak-local';
import { BffProcess } from '../lib/bff-process.ts';
import { adminCalls } from '../lib/metrics.ts';
import { signIn } from '../lib/operator.ts';
import { pageFor as pageRealmFor } from '../lib/paging.ts';
import type { Operator } from '../lib/operator.ts';
import { freePort, startRedis } from '../lib/services.ts';
import { BFF_ROOT, FIRST_PAGE, INSTANCES_SECONDS, OPERATOR, OPERATORS, PORT, attempt, bffEnv, cleanups, listPath, log } from '../lib/context.ts';

export interface CallsPerMinute {
  oneInstance: number | null;
  twoInstances: number | null;
  seconds: number;
  operators: number;
  requests: { one: number; two: number };
  /** The BFFs' default snapshot TTL and load ceiling apply (10 s, 10 %). */
  note: string;
}

/**
 * The second BFF's port: 3101 and 3103 are the bench's redirect URIs in the demo realm (3100 belongs
 * to the browser tests, which may run on this machine at the same time).
 */
const SECOND_PORT = 3103;

/** Operators page the realm on `servers` (round robin) for `seconds`; the Admin API calls per minute all servers made meanwhile. */
async function callsWhilePaging(servers: BffProcess[], seconds: number): Promise<{ perMinute: number; requests: number }> {
  const operators: Operator[] = [];
  for (let i = 0; i < OPERATORS; i++) {
    const server = servers[i % servers.length] as BffProcess;
    const operator = await attempt(`sign-in ${i + 1} on ${server.url}`, () => signIn(server.url, OPERATOR.username, OPERATOR.password));
    if (operator) operators.push(operator);
  }
  // The first snapshot of each instance (or its load from Redis) is not part of the steady state.
  await Promise.all(operators.map((operator) => operator.get(listPath(FIRST_PAGE))));
  const before = await Promise.all(servers.map((server) => adminCalls(server)));
  const started = performance.now();
  const requests = await pageRealmFor(operators, seconds);
  const minutes = (performance.now() - started) / 60_000;
  const after = await Promise.all(servers.map((server) => adminCalls(server)));
  const calls = after.reduce((sum, value, i) => sum + value - (before[i] ?? 0), 0);
  return { perMinute: Math.round(calls / minutes), requests };
}

async function start(kc: RunningKeycloak, dataDir: string, port: number, env: Record<string, string>): Promise<BffProcess> {
  mkdirSync(dataDir, { recursive: true });
  const server = await BffProcess.start({ root: BFF_ROOT, port, log, metricsPort: await freePort(), env: bffEnv(kc, dataDir, { SNAPSHOT_TTL_SECONDS: '10', ...env }) });
  cleanups.push({ what: `stop the BFF on ${port}`, run: () => server.stop() });
  return server;
}

export async function measureCallsPerMinute(kc: RunningKeycloak, dataDir: string): Promise<CallsPerMinute> {
  log(`calls per minute: ${OPERATORS} operators on one BFF for ${INSTANCES_SECONDS} s…`);
  const solo = await start(kc, `${dataDir}/one`, PORT, {});
  let one: { perMinute: number; requests: number } | undefined;
  try {
    one = await attempt('calls per minute, one instance', () => callsWhilePaging([solo], INSTANCES_SECONDS));
  } finally {
    await solo.stop();
  }
  log(`calls per minute: one instance ${one?.perMinute ?? '—'}; now two BFFs sharing a private Redis…`);
  const redis = await startRedis();
  cleanups.push({ what: 'stop the private redis', run: () => redis.stop() });
  const shared = { REDIS_URL: redis.url, SESSION_SECRET: randomBytes(32).toString('hex') };
  const a = await start(kc, `${dataDir}/a`, PORT, shared);
  const b = await start(kc, `${dataDir}/b`, SECOND_PORT, shared);
  let two: { perMinute: number; requests: number } | undefined;
  try {
    two = await attempt('calls per minute, two instances sharing Redis', () => callsWhilePaging([a, b], INSTANCES_SECONDS));
  } finally {
    await Promise.all([a.stop(), b.stop()]);
    await redis.stop();
  }
  log(`calls per minute: two instances ${two?.perMinute ?? '—'}`);
  return {
    oneInstance: one?.perMinute ?? null,
    twoInstances: two?.perMinute ?? null,
    seconds: INSTANCES_SECONDS,
    operators: OPERATORS,
    requests: { one: one?.requests ?? 0, two: two?.requests ?? 0 },
    note: 'Admin API calls of all BFFs together (their session_desk_keycloak_call_duration_seconds_count) per minute while the operators page; default SNAPSHOT_TTL_SECONDS 10 and SNAPSHOT_MAX_REBUILD_PERCENT 10',
  };
}
