// `npm run bench`: Session Desk against Keycloak's own admin console and Admin API, on one realm of
// 10,000 sessions (`large`). Starts what it needs, stops what it started. See bench/README.md.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { InstanceName, LargeSeedResult, RunningKeycloak } from '../packages/keycloak-local/src/index.ts';
import {
  KEYCLOAK_VERSION,
  LARGE_REALM,
  demoRealm,
  ensureKeycloak,
  largeUsername,
  masterAdminToken,
  seedLargeRealm,
  stopKeycloak,
} from '../packages/keycloak-local/src/index.ts';
import type { AssetTotals } from './lib/assets.ts';
import { consoleSessionsRoute, measurePage } from './lib/assets.ts';
import { BffProcess } from './lib/bff-process.ts';
import { snapshotBuild } from './lib/build-snapshot.ts';
import type { BulkJobResult, SequentialResult } from './lib/bulk-end.ts';
import { auditRecords, runBulkJob, sequentialDelete } from './lib/bulk-end.ts';
import { cpuMeter } from './lib/cpu.ts';
import { createFreshSessions } from './lib/fresh-sessions.ts';
import { forEachWithConcurrency } from '../packages/keycloak-local/src/concurrency.ts';
import { HttpStatusError, errorText, getJson, isJson, jsonArray } from './lib/http.ts';
import type { ListedSession } from './lib/keycloak-direct.ts';
import { BFF_BUILD_PARALLELISM, KeycloakDirect, TokenSource } from './lib/keycloak-direct.ts';
import type { Operator } from './lib/operator.ts';
import { signIn } from './lib/operator.ts';
import type { Summary } from './lib/stats.ts';
import { comparePair, ratio, summarize, timed } from './lib/stats.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const log = (line: string) => console.log(`[bench] ${line}`);

const { values: opts } = parseArgs({
  options: {
    instance: { type: 'string', default: 'demo' },
    samples: { type: 'string', default: '30' },
    warmup: { type: 'string', default: '5' },
    cold: { type: 'string', default: '5' },
    'load-seconds': { type: 'string', default: '20' },
    operators: { type: 'string', default: '20' },
    port: { type: 'string', default: '3101' },
    'bulk-sessions': { type: 'string', default: '1000' },
    'bulk-concurrency': { type: 'string', default: '8' },
    'bulk-also': { type: 'string', default: '16' },
    build: { type: 'boolean', default: false },
    'bff-root': { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});

if (opts.help) {
  console.log(`Usage: npm run bench -- [--instance demo|test] [--samples 30] [--warmup 5] [--cold 5]
                      [--load-seconds 20] [--operators 20] [--port 3101] [--build] [--bff-root DIR]
                      [--bulk-sessions 1000] [--bulk-concurrency 8] [--bulk-also 16]
  --bff-root          run DIR/apps/bff/dist/server.js instead of this checkout's (e.g. another worktree's build)
  --bulk-sessions     sessions each side ends in item 3 (the bench creates twice as many fresh ones)
  --bulk-concurrency  BULK_CONCURRENCY of the BFF for the figure (the BFF's default is 8)
  --bulk-also         more BULK_CONCURRENCY values to run item 3 with once each, comma-separated ("" = none)`);
  process.exit(0);
}

function positive(name: string, raw: string | undefined): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a whole number of at least 1, got "${raw}".`);
  return value;
}

if (opts.instance !== 'demo' && opts.instance !== 'test') throw new Error(`--instance must be demo or test, got "${opts.instance}".`);
const instance: InstanceName = opts.instance;
const SAMPLES = positive('samples', opts.samples);
const WARMUP = positive('warmup', opts.warmup);
const COLD = positive('cold', opts.cold);
const LOAD_SECONDS = positive('load-seconds', opts['load-seconds']);
const OPERATORS = positive('operators', opts.operators);
const PORT = positive('port', opts.port);
const BULK_SESSIONS = positive('bulk-sessions', opts['bulk-sessions']);
const BULK_CONCURRENCY = positive('bulk-concurrency', opts['bulk-concurrency']);
const BULK_ALSO = (opts['bulk-also'] ?? '')
  .split(',')
  .map((v) => v.trim())
  .filter((v) => v !== '' && v !== '0')
  .map((v) => positive('bulk-also', v));
if (BULK_SESSIONS > 1_000) throw new Error('--bulk-sessions may be at most 1000 (two fresh sessions per user of realm large).');
const SOURCE_ROOT = path.resolve(opts['bff-root'] ?? root);
/** Set to a copy of SOURCE_ROOT's build once the build exists (see snapshotBuild). */
let BFF_ROOT = SOURCE_ROOT;

const REALM = LARGE_REALM;
const SEARCH_USER = 'large-user-00';
const SEARCH_IP = '127.0.0';
const DETAIL_USER = largeUsername(0);
const OPERATOR = demoRealm.operators.find((o) => o.role === 'admin') ?? { username: 'desk-admin', password: 'desk-admin' };

interface Failure {
  step: string;
  status: number | null;
  message: string;
}

const failures: Failure[] = [];
function recordFailure(step: string, error: unknown): void {
  const status = error instanceof HttpStatusError ? error.status : null;
  const failure = { step, status, message: errorText(error).slice(0, 600) };
  failures.push(failure);
  log(`FAILED ${step}: ${failure.message}`);
}

async function attempt<T>(step: string, task: () => Promise<T>): Promise<T | undefined> {
  try {
    return await task();
  } catch (error) {
    recordFailure(step, error);
    return undefined;
  }
}

// ---------------------------------------------------------------- cleanup, even on failure or Ctrl-C
const cleanups: Array<{ what: string; run: () => Promise<unknown> }> = [];
let cleaning: Promise<void> | undefined;
function cleanUp(): Promise<void> {
  cleaning ??= (async () => {
    for (const step of cleanups.reverse()) {
      try {
        await step.run();
      } catch (error) {
        console.error(`[bench] could not ${step.what}: ${errorText(error)}`);
      }
    }
  })();
  return cleaning;
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`[bench] ${signal}: stopping what the bench started…`);
    void cleanUp().finally(() => process.exit(130));
  });
}

let bff: BffProcess | undefined;
async function startBff(kc: RunningKeycloak, dataDir: string, extraEnv: Record<string, string> = {}): Promise<BffProcess> {
  const started = await BffProcess.start({
    root: BFF_ROOT,
    port: PORT,
    log,
    env: {
      KEYCLOAK_URL: kc.url,
      KEYCLOAK_REALM: demoRealm.realm,
      MANAGED_REALMS: `${demoRealm.realm},${REALM}`,
      LOG_LEVEL: 'warn',
      SNAPSHOT_TTL_SECONDS: '30',
      DATA_DIR: dataDir,
      // No metrics listener: nothing else on the machine should see or collide with the bench's BFFs.
      METRICS_PORT: '0',
      // Explicit, so a BULK_CONCURRENCY in the shell cannot change the figure unnoticed.
      BULK_CONCURRENCY: String(BULK_CONCURRENCY),
      ...extraEnv,
    },
  });
  bff = started;
  return started;
}
async function stopBff(): Promise<void> {
  const running = bff;
  bff = undefined;
  await running?.stop();
}
cleanups.push({ what: 'stop the BFF', run: stopBff });

function runCommand(command: string, args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit' });
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

const listPath = (query: Record<string, string>) => `/api/realms/${REALM}/sessions?${new URLSearchParams(query)}`;
const FIRST_PAGE = { first: '0', max: '50', sort: 'lastAccess:desc' };

// ---------------------------------------------------------------- measurements
interface PairResult {
  ours: Summary | null;
  theirs: Summary | null;
  ratioP50: number | null;
  ratioP95: number | null;
}

/** Probes both sides once; times them as a pair when both answer, else whichever side works. */
async function pair(step: string, ours: () => Promise<unknown>, theirs: () => Promise<unknown>): Promise<PairResult> {
  const oursOk = (await attempt(`${step} (Session Desk)`, ours)) !== undefined;
  const theirsOk = (await attempt(`${step} (Keycloak)`, theirs)) !== undefined;
  const options = { warmup: WARMUP, samples: SAMPLES };
  let result: { ours: Summary | null; theirs: Summary | null };
  if (oursOk && theirsOk) result = await comparePair(ours, theirs, options);
  else if (oursOk || theirsOk) {
    const side = oursOk ? ours : theirs;
    for (let i = 0; i < WARMUP; i++) await side();
    const samples: number[] = [];
    for (let i = 0; i < SAMPLES; i++) samples.push((await timed(side)).ms);
    result = oursOk ? { ours: summarize(samples), theirs: null } : { ours: null, theirs: summarize(samples) };
  } else result = { ours: null, theirs: null };
  const out = { ...result, ratioP50: ratio(result.ours?.p50, result.theirs?.p50), ratioP95: ratio(result.ours?.p95, result.theirs?.p95) };
  log(`${step}: ours p50 ${result.ours?.p50 ?? '-'} ms, Keycloak p50 ${result.theirs?.p50 ?? '-'} ms, ratio ${out.ratioP50 ?? '-'}`);
  return out;
}

interface ListResponse {
  items: Array<{ id: string; type: string; lastAccess: string }>;
  total: number;
  snapshot?: { buildMs?: number; refreshing?: boolean; ageSeconds?: number };
}

function asListResponse(value: unknown): ListResponse {
  if (!isJson(value) || !Array.isArray(value['items']) || typeof value['total'] !== 'number') throw new Error('unexpected session list response');
  return value as unknown as ListResponse;
}

interface ColdResult {
  wallMs: Summary | null;
  buildMs: Summary | null;
  directParallelMs: Summary | null;
  directSequentialMs: Summary | null;
  listing: Awaited<ReturnType<KeycloakDirect['fullListing']>>;
}

/**
 * Interleaved cycles: a fresh BFF's first (cold) list, then the same full listing made directly
 * (×4 in parallel as the BFF builds it, and sequentially), so Keycloak's drift hits all three alike.
 */
async function coldSnapshots(kc: RunningKeycloak, dataDir: string, direct: KeycloakDirect): Promise<ColdResult> {
  const wall: number[] = [];
  const build: number[] = [];
  const parallel: number[] = [];
  const sequential: number[] = [];
  let listing = await direct.fullListing(BFF_BUILD_PARALLELISM); // warm-up
  let bffWorks = true;
  for (let i = 0; i < COLD; i++) {
    if (bffWorks) {
      const server = await startBff(kc, dataDir);
      try {
        const operator = await signIn(server.url, OPERATOR.username, OPERATOR.password);
        const { ms, value } = await timed(() => operator.get(listPath(FIRST_PAGE)));
        const list = asListResponse(value);
        wall.push(ms);
        if (typeof list.snapshot?.buildMs === 'number') build.push(list.snapshot.buildMs);
      } catch (error) {
        recordFailure('cold list through the BFF (fresh BFF, first request)', error);
        bffWorks = false;
      } finally {
        await stopBff();
      }
    }
    const p = await timed(() => direct.fullListing(BFF_BUILD_PARALLELISM));
    parallel.push(p.ms);
    listing = p.value;
    sequential.push((await timed(() => direct.fullListing(1))).ms);
    log(
      `cold cycle ${i + 1}/${COLD}: BFF first list ${fmt(wall[i])} ms (buildMs ${fmt(build[i])}), direct ×${BFF_BUILD_PARALLELISM} ${fmt(parallel[i])} ms, direct ×1 ${fmt(sequential[i])} ms`,
    );
  }
  const summary = (list: number[]) => (list.length ? summarize(list) : null);
  return { wallMs: summary(wall), buildMs: summary(build), directParallelMs: summary(parallel), directSequentialMs: summary(sequential), listing };
}

/** Snapshot builds seen in list answers of the long-running BFF (background rebuilds after the 30 s TTL). */
const buildsSeen = new Map<string, number>();
function noteSnapshot(list: ListResponse): ListResponse {
  const builtAt = (list.snapshot as { builtAt?: string } | undefined)?.builtAt;
  if (builtAt && typeof list.snapshot?.buildMs === 'number') buildsSeen.set(builtAt, list.snapshot.buildMs);
  return list;
}

interface LoadResult {
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

const SORTS = ['lastAccess:desc', 'lastAccess:asc', 'started:desc', 'username:asc', 'username:desc'];

/** `operators` signed-in jars page through the realm at once for `seconds`, while the BFF's memory is sampled. */
async function loadTest(server: BffProcess, operators: readonly Operator[]): Promise<LoadResult> {
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

function compactAssets(totals: AssetTotals | undefined) {
  if (!totals) return null;
  return {
    page: totals.page,
    js: totals.js,
    css: totals.css,
    total: totals.total,
    html: totals.html,
    files: totals.files.map((f) => ({ path: new URL(f.url).pathname, kind: f.kind, bytes: f.bytes, gzipBytes: f.gzipBytes, wireBytes: f.wireBytes, wireEncoding: f.wireEncoding })),
    notes: totals.notes,
  };
}

async function serverVersion(url: string): Promise<string> {
  try {
    const info = await getJson(`${url}/admin/serverinfo`, { authorization: `Bearer ${await masterAdminToken(url)}` });
    const version = isJson(info) && isJson(info['systemInfo']) ? info['systemInfo']['version'] : undefined;
    return typeof version === 'string' ? version : KEYCLOAK_VERSION;
  } catch {
    return KEYCLOAK_VERSION;
  }
}

/** Direct calls use the `session-desk-service` service account of realm `large` (the token the BFF would need); master admin if that fails. */
async function directClient(url: string): Promise<KeycloakDirect> {
  const service = TokenSource.serviceAccount(url, REALM, demoRealm.service.clientId, demoRealm.service.clientSecret);
  try {
    const direct = new KeycloakDirect(url, REALM, service);
    await direct.clientStats();
    return direct;
  } catch (error) {
    recordFailure('direct Admin API calls with the realm-large service account (falling back to the master admin)', error);
    return new KeycloakDirect(url, REALM, TokenSource.masterAdmin(url));
  }
}

// ---------------------------------------------------------------- 3. ending 1,000 sessions
/** BODY_LIMIT_BYTES' default in apps/bff/src/env.ts. */
const BFF_DEFAULT_BODY_LIMIT = 16_384;

/** Fresh sessions the bench made and has not seen ended yet; ended directly on failure or Ctrl-C. */
const freshAlive = new Set<string>();
let freshOwner: { url: string; tokens: TokenSource } | undefined;
cleanups.push({
  what: 'end the fresh sessions of the bulk test that are still alive',
  run: async () => {
    const owner = freshOwner;
    if (!owner || freshAlive.size === 0) return;
    log(`ending ${freshAlive.size} leftover fresh sessions directly…`);
    await forEachWithConcurrency([...freshAlive], 8, async (id) => {
      const response = await fetch(`${owner.url}/admin/realms/${REALM}/sessions/${encodeURIComponent(id)}?isOffline=false`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${await owner.tokens.get()}` },
      });
      await response.arrayBuffer();
      if (response.ok || response.status === 404) freshAlive.delete(id);
    });
  },
});

interface BulkRound {
  bulkConcurrency: number;
  sessionsPerSide: number;
  fresh: { logins: number; seconds: number; loginsPerSecond: number };
  /** The job request's size, and the BODY_LIMIT_BYTES the round's BFF ran with (raised when the BFF's default would refuse the request). */
  body: { requestBytes: number; bffDefaultLimitBytes: number; limitBytesUsed: number; raised: boolean };
  /** The BFF's list total right before the POST: its snapshot holds the fresh sessions, as when an operator picks them in the console. */
  snapshotTotalBeforeJob: number | null;
  job: Omit<BulkJobResult, 'endedIds'> | null;
  audit: { bulkItemSucceeded: number; otherRecords: number; pages: number } | null;
  sequential: Omit<SequentialResult, 'endedIds'> | null;
  /** Throughput ratio, job ÷ sequential (higher is better for Session Desk). */
  bulkVsSequential: number | null;
  verify: { listing: string; jobLeft: number; sequentialLeft: number; regularBefore: number; regularAfter: number } | null;
  /** CPU ms used while each side ran (BFF, Keycloak's process tree, the bench itself): where the time goes. */
  cpuMs: { job: Record<string, number> | null; sequential: Record<string, number> | null };
  checks: { jobEndedAll: boolean; auditComplete: boolean; allGone: boolean; realmAsBefore: boolean };
}

/**
 * One round of item 3: 2 × BULK_SESSIONS fresh sessions, a fresh BFF with `concurrency`, its list
 * (snapshot built with the fresh sessions in it), one job ending the first half (timed from POST to
 * the state leaving 'running'), its audit trail, the BFF stopped, then the second half ended with one
 * Admin API DELETE after another, then a full listing to check both halves are gone.
 */
async function bulkRound(kc: RunningKeycloak, dataDir: string, direct: KeycloakDirect, concurrency: number): Promise<BulkRound> {
  const label = `bulk (BULK_CONCURRENCY ${concurrency})`;
  const regularOf = (stats: Awaited<ReturnType<KeycloakDirect['clientStats']>>) => stats.reduce((s, c) => s + c.active, 0);
  const regularBefore = regularOf(await direct.clientStats());
  freshOwner ??= { url: kc.url, tokens: direct.tokens };
  log(`${label}: ${2 * BULK_SESSIONS} fresh regular sessions (password grants, 8 at a time)…`);
  const fresh = await createFreshSessions(kc.url, 2 * BULK_SESSIONS, { log: (line) => log(`${label}:${line}`) });
  for (const session of fresh.sessions) freshAlive.add(session.id);
  const ids = fresh.sessions.map((s) => s.id);
  if (new Set(ids).size !== ids.length) throw new Error('Two fresh logins returned the same session id.');
  const jobIds = ids.slice(0, BULK_SESSIONS);
  const sequentialIds = ids.slice(BULK_SESSIONS);
  log(`${label}: ${ids.length} sessions in ${fresh.seconds} s (${fresh.loginsPerSecond}/s)`);

  // The BFF's default BODY_LIMIT_BYTES (apps/bff/src/env.ts) answers 413 to a list of 1,000 ids (~50 KB):
  // the round's BFF gets a limit that fits the request, and the JSON says so.
  const requestBytes = Buffer.byteLength(JSON.stringify({ reason: 'x'.repeat(80), sessions: jobIds.map((id) => ({ id, type: 'regular' })) }));
  const limitBytesUsed = requestBytes > BFF_DEFAULT_BODY_LIMIT ? Math.min(1_048_576, 2 ** Math.ceil(Math.log2(requestBytes * 1.1))) : BFF_DEFAULT_BODY_LIMIT;
  const body = { requestBytes, bffDefaultLimitBytes: BFF_DEFAULT_BODY_LIMIT, limitBytesUsed, raised: limitBytesUsed !== BFF_DEFAULT_BODY_LIMIT };
  if (body.raised) log(`${label}: the job request is ${requestBytes} bytes, over the BFF's default BODY_LIMIT_BYTES ${BFF_DEFAULT_BODY_LIMIT}: this BFF runs with ${limitBytesUsed}`);
  let snapshotTotal: number | undefined;
  let job: BulkJobResult | undefined;
  let audit: BulkRound['audit'] | undefined;
  let jobCpu: Record<string, number> | undefined;
  const server = await startBff(kc, dataDir, { BULK_CONCURRENCY: String(concurrency), BODY_LIMIT_BYTES: String(limitBytesUsed) });
  try {
    const admin = await signIn(server.url, OPERATOR.username, OPERATOR.password);
    snapshotTotal = asListResponse(await admin.get(listPath(FIRST_PAGE))).total;
    const meter = cpuMeter({ bff: server.pid, keycloak: kc.pid });
    job = await attempt(`${label}: one job ending ${BULK_SESSIONS} sessions`, () =>
      runBulkJob(admin, REALM, jobIds, `bench: bulk end of ${BULK_SESSIONS} sessions (BULK_CONCURRENCY ${concurrency})`),
    );
    jobCpu = meter();
    for (const id of job?.endedIds ?? []) freshAlive.delete(id);
    if (job) {
      log(`${label}: job ${job.state} in ${fmt(job.wallMs)} ms (POST ${fmt(job.postMs)} ms, server ${fmt(job.serverMs)} ms), ${job.sessionsPerSecond}/s, outcomes ${JSON.stringify(job.outcomes)}, CPU ms ${JSON.stringify(jobCpu)}`);
      const jobId = job.jobId;
      audit = await attempt(`${label}: audit trail of the job`, async () => {
        const { records, pages } = await auditRecords(admin, { jobId });
        const succeeded = records.filter((r) => r['action'] === 'bulk.item' && r['outcome'] === 'succeeded').length;
        return { bulkItemSucceeded: succeeded, otherRecords: records.length - succeeded, pages };
      });
    }
  } finally {
    await stopBff();
  }

  const sequentialMeter = cpuMeter({ keycloak: kc.pid });
  const sequential = await attempt(`${label}: sequential Admin API DELETEs`, () => sequentialDelete(kc.url, REALM, direct.tokens, sequentialIds));
  const sequentialCpu = sequential ? sequentialMeter() : null;
  for (const id of sequential?.endedIds ?? []) freshAlive.delete(id);
  if (sequential) log(`${label}: sequential ${fmt(sequential.ms)} ms, ${sequential.sessionsPerSecond}/s, statuses ${JSON.stringify(sequential.statuses)}, CPU ms ${JSON.stringify(sequentialCpu)}`);

  const verify = await attempt(`${label}: check in Keycloak that both halves are gone`, async () => {
    const listing = await direct.fullListing(BFF_BUILD_PARALLELISM);
    const left = (list: string[]) => list.filter((id) => listing.sessions.has(`regular:${id}`)).length;
    return {
      listing: `full (every client's user-sessions, ${listing.sessions.size} sessions)`,
      jobLeft: left(jobIds),
      sequentialLeft: left(sequentialIds),
      regularBefore,
      regularAfter: regularOf(await direct.clientStats()),
    };
  });
  const checks = {
    jobEndedAll: job?.state === 'completed' && job.outcomes['ended'] === BULK_SESSIONS,
    auditComplete: audit?.bulkItemSucceeded === BULK_SESSIONS,
    allGone: verify?.jobLeft === 0 && verify.sequentialLeft === 0,
    realmAsBefore: verify?.regularAfter === verify?.regularBefore,
  };
  const problems = Object.entries(checks).filter(([, ok]) => !ok).map(([name]) => name);
  if (problems.length) recordFailure(`${label}: checks`, new Error(`failed: ${problems.join(', ')} (job ${JSON.stringify(job?.outcomes ?? null)}, audit ${JSON.stringify(audit ?? null)}, verify ${JSON.stringify(verify ?? null)})`));
  const withoutIds = <T extends { endedIds: string[] }>(value: T | undefined): Omit<T, 'endedIds'> | null => {
    if (!value) return null;
    const { endedIds: _ignored, ...rest } = value;
    return rest;
  };
  return {
    bulkConcurrency: concurrency,
    sessionsPerSide: BULK_SESSIONS,
    fresh: { logins: ids.length, seconds: fresh.seconds, loginsPerSecond: fresh.loginsPerSecond },
    body,
    snapshotTotalBeforeJob: snapshotTotal ?? null,
    job: withoutIds(job),
    audit: audit ?? null,
    sequential: withoutIds(sequential),
    bulkVsSequential: ratio(job?.sessionsPerSecond, sequential?.sessionsPerSecond),
    verify: verify ?? null,
    cpuMs: { job: jobCpu ?? null, sequential: sequentialCpu },
    checks,
  };
}

// ---------------------------------------------------------------- the run
const fmt = (v: number | null | undefined, unit = '') => (v === null || v === undefined || !Number.isFinite(v) ? '—' : `${Math.round(v * 10) / 10}${unit}`);
const pct = (s: Summary | null | undefined) => (s ? `${fmt(s.p50)} / ${fmt(s.p95)} ms` : '—');
const fmtRatio = (r: number | null | undefined) => (r === null || r === undefined || !Number.isFinite(r) ? '—' : r.toFixed(r < 0.1 ? 3 : 2));
const kib = (n: number | undefined) => (n === undefined ? '—' : `${(n / 1024).toFixed(1)} KiB`);

async function main(): Promise<number> {
  const runStarted = performance.now();
  const loadAtStart = loadavg().map((v) => Math.round(v * 100) / 100);
  const kc = await ensureKeycloak(instance, { log: (line) => log(`keycloak: ${line}`) });
  if (kc.startedNow) cleanups.push({ what: `stop the ${instance} Keycloak`, run: () => stopKeycloak(instance) });

  const seed: LargeSeedResult = await seedLargeRealm({ url: kc.url, log: (line) => log(`seed: ${line}`) });
  log(`realm ${REALM}: ${seed.after.regular} regular + ${seed.after.offline} offline sessions (seeded ${seed.created.regular + seed.created.offline} now, ${seed.seconds} s)`);

  if (opts.build || !existsSync(path.join(root, 'apps/bff/dist/server.js')) || !existsSync(path.join(root, 'apps/web/dist/index.html'))) {
    log('building (npx turbo run build)…');
    if ((await runCommand('npx', ['turbo', 'run', 'build', '--output-logs=errors-only'])) !== 0) throw new Error('The build failed; see above.');
  }
  const bffEntry = path.join(SOURCE_ROOT, 'apps/bff/dist/server.js');
  if (!existsSync(bffEntry)) throw new Error(`There is no ${bffEntry}.`);
  const build = snapshotBuild(SOURCE_ROOT);
  cleanups.push({ what: 'remove the copy of the build', run: async () => rmSync(build.root, { recursive: true, force: true }) });
  BFF_ROOT = build.root;
  log(`running a copy of ${bffEntry} (built ${build.builtAt}) from ${build.root}`);

  const dataDir = mkdtempSync(path.join(tmpdir(), 'sd-bench-'));
  cleanups.push({ what: 'remove the BFF data dir', run: async () => rmSync(dataDir, { recursive: true, force: true }) });

  const direct = await directClient(kc.url);
  const version = await serverVersion(kc.url);
  const stats = await direct.clientStats();
  const users = Number(await direct.get('/users/count'));
  const sessionCount = stats.reduce((s, c) => s + c.active + c.offline, 0);
  const clientsWithSessions = stats.filter((c) => c.active + c.offline > 0).length;
  log(`Keycloak ${version} at ${kc.url}; realm ${REALM}: ${sessionCount} sessions, ${users} users, ${clientsWithSessions} clients with sessions`);

  // 1. Cold snapshot (fresh BFF each time) versus the same full listing made directly.
  log(`cold snapshot: ${COLD} cycles of a fresh BFF's first list and the same listing made directly…`);
  const cold = await coldSnapshots(kc, dataDir, direct);
  const directSessions: Map<string, ListedSession> = cold.listing.sessions;
  log(`direct listing: ${directSessions.size} distinct sessions in ${cold.listing.calls} calls`);

  // 2. The BFF that serves every other measurement, and its operators.
  const server = await startBff(kc, dataDir);
  log(`BFF pid ${server.pid} at ${server.url}; signing in ${OPERATORS} operators…`);
  const operators: Operator[] = [];
  for (let i = 0; i < OPERATORS; i++) {
    const operator = await attempt(`sign-in ${i + 1} of ${OPERATOR.username}`, () => signIn(server.url, OPERATOR.username, OPERATOR.password));
    if (operator) operators.push(operator);
  }
  const first = operators[0];
  if (!first) throw new Error(`No operator could sign in to the BFF.\n${server.output}`);

  // Correctness: the BFF's total and first page against the direct full listing.
  const correctness = await attempt('session list of realm large through the BFF (correctness check)', async () => {
    const list = asListResponse(await first.get(listPath(FIRST_PAGE)));
    const directIds = new Set([...directSessions.values()].map((s) => s.id));
    const invalid = list.items.filter((item) => !directSessions.has(`${item.type}:${item.id}`));
    const times = list.items.map((item) => Date.parse(item.lastAccess));
    const consoleAll = jsonArray(await direct.consoleSessions('', 0, 100_000));
    return {
      bffTotal: list.total,
      directDistinctSessions: directSessions.size,
      directDistinctIds: directIds.size,
      totalMatches: list.total === directSessions.size,
      firstPageItems: list.items.length,
      firstPageInvalidIds: invalid.map((i) => `${i.type}:${i.id}`),
      firstPageSortedByLastAccessDesc: times.every((t, i) => i === 0 || t <= (times[i - 1] as number)),
      consoleListAllCount: consoleAll.length,
      consoleListDistinctIds: new Set(consoleAll.map((s) => String(s['id']))).size,
    };
  });
  if (correctness) log(`correctness: BFF total ${correctness.bffTotal} vs ${correctness.directDistinctSessions} distinct direct (${correctness.totalMatches ? 'match' : 'MISMATCH'}); invalid ids on page 1: ${correctness.firstPageInvalidIds.length}`);

  // 3. Realm-wide list and searches: BFF versus the admin console's own endpoint.
  const bffList = async (query: Record<string, string>) => noteSnapshot(asListResponse(await first.get(listPath(query))));
  const page = await pair('first page (50, by last access)', () => bffList(FIRST_PAGE), () => direct.consoleSessions('', 0, 50));
  const searchUser = await pair(`search "${SEARCH_USER}"`, () => bffList({ ...FIRST_PAGE, q: SEARCH_USER }), () => direct.consoleSessions(SEARCH_USER, 0, 50));
  const searchIp = await pair(`search "${SEARCH_IP}"`, () => bffList({ ...FIRST_PAGE, q: SEARCH_IP }), () => direct.consoleSessions(SEARCH_IP, 0, 50));
  const searchTotals = await attempt('search totals through the BFF', async () => ({
    user: asListResponse(await first.get(listPath({ ...FIRST_PAGE, q: SEARCH_USER }))).total,
    ip: asListResponse(await first.get(listPath({ ...FIRST_PAGE, q: SEARCH_IP }))).total,
  }));

  // 4. One user's sessions.
  const userId = await direct.userIdByUsername(DETAIL_USER);
  const userDetailCheck = await attempt('user detail through the BFF', async () => {
    const detail = await first.get(`/api/realms/${REALM}/users/${encodeURIComponent(userId)}`);
    const mine = isJson(detail) ? { regular: jsonArray(detail['sessions']).length, offline: jsonArray(detail['offlineSessions']).length } : null;
    return { bff: mine, direct: await direct.userDetail(userId) };
  });
  const userDetail = await pair(`user detail (${DETAIL_USER})`, () => first.get(`/api/realms/${REALM}/users/${encodeURIComponent(userId)}`), () => direct.userDetail(userId));

  // 5. Load: every operator pages the realm at once; the BFF's memory is sampled.
  log(`load: ${operators.length} operators for ${LOAD_SECONDS} s…`);
  const load = await loadTest(server, operators);
  log(`load: ${load.requests} requests (${load.requestsPerSecond}/s), non-2xx ${load.non2xx}, network errors ${load.networkErrors}, VmHWM ${fmt(load.vmHwmMiB)} MiB`);

  // 6. First-load bytes of the SPA versus the admin console's sessions page.
  const ours = await attempt('Session Desk SPA assets', () => measurePage(`${server.url}/`));
  const consoleUrl = `${kc.url}/admin/master/console/`;
  const theirs = await attempt('admin console assets (static imports + sessions route chunk)', () => measurePage(consoleUrl, consoleSessionsRoute));
  const theirsStatic = await attempt('admin console assets (static imports only)', () => measurePage(consoleUrl));
  await stopBff();

  // 7. Ending 1,000 sessions: one BFF job versus one Admin API DELETE after another (last: it adds
  // 2,000 sessions to the realm and ends them again).
  const bulkRounds: BulkRound[] = [];
  for (const concurrency of [BULK_CONCURRENCY, ...BULK_ALSO]) {
    const round = await attempt(`bulk end (BULK_CONCURRENCY ${concurrency})`, () => bulkRound(kc, dataDir, direct, concurrency));
    if (round) bulkRounds.push(round);
  }
  const bulk = bulkRounds.find((r) => r.bulkConcurrency === BULK_CONCURRENCY);

  // ---------------------------------------------------------------- results
  const errors = load.non2xx + load.networkErrors;
  const figures = {
    pageVsConsole: page.ratioP50,
    searchVsConsole: searchUser.ratioP50,
    snapshotVsDirect: ratio(cold.buildMs?.p50, cold.directParallelMs?.p50),
    overheadP50: userDetail.ratioP50,
    bulkVsSequential: bulk?.bulkVsSequential ?? null,
    bytesVsConsole: ratio(ours?.total.gzipBytes, theirs?.total.gzipBytes),
    errors,
    peakRssMiB: load.vmHwmMiB,
  };
  const overheadMs = (s: 'p50' | 'p95') =>
    userDetail.ours && userDetail.theirs ? Math.round((userDetail.ours[s] - userDetail.theirs[s]) * 100) / 100 : null;
  const result = {
    keycloak: version,
    sessions: sessionCount,
    users,
    clients: clientsWithSessions,
    figures,
    details: {
      at: new Date().toISOString(),
      options: {
        instance,
        samples: SAMPLES,
        warmup: WARMUP,
        cold: COLD,
        loadSeconds: LOAD_SECONDS,
        operators: OPERATORS,
        port: PORT,
        bffRoot: SOURCE_ROOT,
        bulkSessions: BULK_SESSIONS,
        bulkConcurrency: BULK_CONCURRENCY,
        bulkAlso: BULK_ALSO,
      },
      machine: {
        cpus: cpus().length,
        node: process.version,
        note: 'load average (1, 5, 15 min) of the whole machine: anything else running shares the cores with Keycloak, the BFF and the bench',
        loadAverageAtStart: loadAtStart,
        loadAverageAtEnd: loadavg().map((v) => Math.round(v * 100) / 100),
      },
      keycloakUrl: kc.url,
      keycloakStartedByBench: kc.startedNow,
      realm: REALM,
      directToken: direct.tokens.label,
      seed,
      counts: { regular: stats.reduce((s, c) => s + c.active, 0), offline: stats.reduce((s, c) => s + c.offline, 0) },
      correctness: correctness ?? null,
      list: {
        note: 'ms, sequential requests, interleaved with the other side after a warm-up; Keycloak = GET /admin/realms/large/ui-ext/sessions?type=ALL&first=0&max=50&search=…',
        firstPage: page,
        searchUsername: { query: SEARCH_USER, bffTotal: searchTotals?.user ?? null, ...searchUser },
        searchIp: { query: SEARCH_IP, bffTotal: searchTotals?.ip ?? null, ...searchIp },
      },
      userDetail: {
        user: DETAIL_USER,
        ...userDetail,
        addedMsP50: overheadMs('p50'),
        addedMsP95: overheadMs('p95'),
        sessionCounts: userDetailCheck ?? null,
      },
      snapshot: {
        note: 'cold = first list after a fresh BFF start (includes the service-token fetch); direct = the same calls (client-session-stats + users, then every client listing paged by 1,000)',
        coldWallMs: cold.wallMs,
        coldBuildMs: cold.buildMs,
        directParallelMs: cold.directParallelMs,
        directSequentialMs: cold.directSequentialMs,
        directParallelism: BFF_BUILD_PARALLELISM,
        directCalls: cold.listing.calls,
        ratioVsSequential: ratio(cold.buildMs?.p50, cold.directSequentialMs?.p50),
        warmRebuildsSeenMs: buildsSeen.size > 1 ? summarize([...buildsSeen.values()].slice(1)) : null,
        warmRebuildsNote: 'buildMs of the long-running BFF snapshots seen in list answers, its first (cold) build left out',
      },
      bulkEnd: {
        note: `per round: ${2 * BULK_SESSIONS} fresh regular sessions; one BFF job (desk-admin) ends ${BULK_SESSIONS}, timed from POST to a poll seeing the state leave 'running'; then the BFF is stopped and the other ${BULK_SESSIONS} are ended with one DELETE /admin/realms/${REALM}/sessions/{id}?isOffline=false after another (service-account token); bulkVsSequential = job sessions/s ÷ sequential sessions/s (higher is better)`,
        figureBulkConcurrency: BULK_CONCURRENCY,
        rounds: bulkRounds,
      },
      load,
      bytes: {
        note: 'gzip = node:zlib default level over the uncompressed files, same for both; wireBytes = what each server sent for Accept-Encoding: gzip',
        ours: compactAssets(ours),
        console: compactAssets(theirs),
        consoleStaticOnly: compactAssets(theirsStatic),
        ratioStaticOnly: ratio(ours?.total.gzipBytes, theirsStatic?.total.gzipBytes),
        ratioWire: ratio(ours?.total.wireBytes, theirs?.total.wireBytes),
      },
      bffBuild: { entry: bffEntry, builtAt: build.builtAt, checkoutBuiltAtEnd: statSync(bffEntry).mtime.toISOString(), ranFromCopy: build.root },
      failures,
      seconds: Math.round((performance.now() - runStarted) / 100) / 10,
    },
  };

  const resultsDir = path.join(root, 'bench', 'results');
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(path.join(resultsDir, 'latest.json'), `${JSON.stringify(result, null, 2)}\n`);

  const rows: string[][] = [
    ['measure', 'Session Desk p50 / p95', 'Keycloak p50 / p95', 'ours/theirs (p50)'],
    ['1a realm list, first page (50)', pct(page.ours), pct(page.theirs), fmtRatio(page.ratioP50)],
    [`1b search "${SEARCH_USER}"`, pct(searchUser.ours), pct(searchUser.theirs), fmtRatio(searchUser.ratioP50)],
    [`1c search "${SEARCH_IP}"`, pct(searchIp.ours), pct(searchIp.theirs), fmtRatio(searchIp.ratioP50)],
    [
      '1d full load: cold snapshot vs direct (×4)',
      cold.buildMs ? `${pct(cold.buildMs)} (wall ${fmt(cold.wallMs?.p50)})` : '—',
      pct(cold.directParallelMs),
      fmtRatio(figures.snapshotVsDirect),
    ],
    [
      `2  user detail (${DETAIL_USER})`,
      pct(userDetail.ours),
      pct(userDetail.theirs),
      `${fmtRatio(userDetail.ratioP50)} (+${fmt(overheadMs('p50'))} / +${fmt(overheadMs('p95'))} ms)`,
    ],
    ...bulkRounds.map((r) => [
      `3  end ${r.sessionsPerSide} sessions, BULK_CONCURRENCY ${r.bulkConcurrency}${r.bulkConcurrency === BULK_CONCURRENCY ? '' : ' (extra)'}`,
      r.job ? `one job: ${fmt(r.job.wallMs / 1000)} s, ${fmt(r.job.sessionsPerSecond)}/s` : '—',
      r.sequential ? `sequential DELETE: ${fmt(r.sequential.ms / 1000)} s, ${fmt(r.sequential.sessionsPerSecond)}/s` : '—',
      `${fmtRatio(r.bulkVsSequential)}× throughput`,
    ]),
    [
      `4  ${load.operators} operators × ${load.seconds} s paging`,
      `${load.requests} req, ${load.requestsPerSecond}/s, ${pct(load.latency)}`,
      '—',
      `errors ${errors}, peak RSS ${fmt(load.vmHwmMiB)} MiB`,
    ],
    [
      '5  first load JS+CSS (gzip)',
      ours ? `${kib(ours.total.gzipBytes)} in ${ours.total.files} files` : '—',
      theirs ? `${kib(theirs.total.gzipBytes)} in ${theirs.total.files} files` : '—',
      fmtRatio(figures.bytesVsConsole),
    ],
  ];
  if (!bulkRounds.length) rows.splice(6, 0, ['3  end 1,000 sessions', 'failed (see below)', '—', '—']);
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length))) ?? [];
  const line = (r: string[]) => r.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join(' │ ');
  console.log(
    `\nKeycloak ${version}, realm ${REALM}: ${sessionCount} sessions, ${users} users, ${clientsWithSessions} clients; ${SAMPLES} samples after ${WARMUP} warm-up (cold: ${COLD}); load average ${result.details.machine.loadAverageAtStart[0]} → ${result.details.machine.loadAverageAtEnd[0]} on ${cpus().length} cores`,
  );
  console.log(line(rows[0] as string[]));
  console.log(widths.map((w) => '─'.repeat(w)).join('─┼─'));
  for (const r of rows.slice(1)) console.log(line(r));
  if (correctness) {
    console.log(
      `\ncorrectness: BFF total ${correctness.bffTotal} vs ${correctness.directDistinctSessions} distinct sessions listed directly (${correctness.totalMatches ? 'equal' : 'DIFFERENT'}); first page: ${correctness.firstPageItems} items, ${correctness.firstPageInvalidIds.length} unknown ids, sorted ${correctness.firstPageSortedByLastAccessDesc}`,
    );
  }
  for (const r of bulkRounds) {
    console.log(
      `bulk (BULK_CONCURRENCY ${r.bulkConcurrency}): job outcomes ${JSON.stringify(r.job?.outcomes ?? null)} (POST ${fmt(r.job?.postMs)} ms, server ${fmt(r.job?.serverMs)} ms); audit ${r.audit?.bulkItemSucceeded ?? '—'} succeeded bulk.item records; left in Keycloak: job ${r.verify?.jobLeft ?? '—'}, sequential ${r.verify?.sequentialLeft ?? '—'}; regular sessions ${r.verify?.regularBefore ?? '—'} → ${r.verify?.regularAfter ?? '—'}`,
    );
  }
  if (result.details.bffBuild.builtAt !== result.details.bffBuild.checkoutBuiltAtEnd) {
    console.log(`\nnote: apps/bff/dist was rebuilt during the run; the bench ran its copy of the ${result.details.bffBuild.builtAt} build throughout.`);
  }
  if (failures.length) {
    console.log(`\n${failures.length} step(s) failed:`);
    for (const f of failures) console.log(`  - ${f.step}: ${f.status ?? ''} ${f.message.split('\n')[0]}`);
  }
  console.log(`\nfigures ${JSON.stringify(figures)}\nwritten to bench/results/latest.json (${result.details.seconds} s)`);
  return failures.length ? 1 : 0;
}

let exitCode = 1;
try {
  exitCode = await main();
} catch (error) {
  console.error(`[bench] ${errorText(error)}`);
  if (bff) console.error(`[bench] BFF output:\n${bff.output}`);
} finally {
  await cleanUp();
}
process.exit(exitCode);
