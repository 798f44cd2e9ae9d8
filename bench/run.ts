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
    build: { type: 'boolean', default: false },
    'bff-root': { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});

if (opts.help) {
  console.log(`Usage: npm run bench -- [--instance demo|test] [--samples 30] [--warmup 5] [--cold 5]
                      [--load-seconds 20] [--operators 20] [--port 3101] [--build] [--bff-root DIR]
  --bff-root  run DIR/apps/bff/dist/server.js instead of this checkout's (e.g. another worktree's build)`);
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
async function startBff(kc: RunningKeycloak, dataDir: string): Promise<BffProcess> {
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

  // ---------------------------------------------------------------- results
  const errors = load.non2xx + load.networkErrors;
  const figures = {
    pageVsConsole: page.ratioP50,
    searchVsConsole: searchUser.ratioP50,
    snapshotVsDirect: ratio(cold.buildMs?.p50, cold.directParallelMs?.p50),
    overheadP50: userDetail.ratioP50,
    bulkVsSequential: null,
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
      options: { instance, samples: SAMPLES, warmup: WARMUP, cold: COLD, loadSeconds: LOAD_SECONDS, operators: OPERATORS, port: PORT, bffRoot: SOURCE_ROOT },
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
      bulkEnd: { value: null, note: 'bulk end of 1,000 sessions: not measured yet (needs the bulk job API)' },
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
    ['3  bulk end of 1,000 sessions', 'not measured yet (needs the bulk job API)', '—', '—'],
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
