// Options, shared state (failures, cleanups, the BFF under test) and helpers of `npm run bench`.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { InstanceName, RunningKeycloak } from '@session-desk/keycloak-local';
import { LARGE_REALM, demoRealm, largeUsername } from '@session-desk/keycloak-local';
import { BffProcess } from './bff-process.ts';
import { cleanupOnExit } from './cleanups.ts';
import { freePort } from './services.ts';
import { HttpStatusError, errorText, isJson } from './http.ts';
import type { Summary } from './stats.ts';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const log = (line: string) => console.log(`[bench] ${line}`);

export const { values: opts } = parseArgs({
  options: {
    instance: { type: 'string', default: 'demo' },
    db: { type: 'string', default: 'dev-mem' },
    samples: { type: 'string', default: '30' },
    warmup: { type: 'string', default: '5' },
    'warm-requests': { type: 'string', default: '400' },
    cold: { type: 'string', default: '5' },
    'load-seconds': { type: 'string', default: '20' },
    operators: { type: 'string', default: '20' },
    port: { type: 'string', default: '3101' },
    'bulk-sessions': { type: 'string', default: '1000' },
    'bulk-concurrency': { type: 'string', default: '8' },
    'bulk-also': { type: 'string', default: '16' },
    build: { type: 'boolean', default: false },
    'bff-root': { type: 'string' },
    sessions: { type: 'string', default: '10000' },
    users: { type: 'string', default: '0' },
    'instances-seconds': { type: 'string', default: '120' },
    skip: { type: 'string', default: '' },
    what: { type: 'string', default: 'page' },
    help: { type: 'boolean', default: false },
  },
});

if (opts.help) {
  console.log(`Usage: npm run bench -- [--instance demo|test] [--samples 30] [--warmup 5] [--warm-requests 400] [--cold 5]
                      [--load-seconds 20] [--operators 20] [--port 3101] [--build] [--bff-root DIR]
                      [--bulk-sessions 1000] [--bulk-concurrency 8] [--bulk-also 16]
                      [--sessions 10000] [--users 0] [--instances-seconds 120] [--db dev-mem|postgres]
                      [--skip rebuild,instances,bulk]
Measures Session Desk against Keycloak's own console endpoint and Admin API in one run (the items are
listed in bench/README.md: 1 pages and searches, 1d cold snapshots, 1e the BFF's own time, 2 one user's
sessions, 3 a bulk job, 4 20 operators' load, 5 first-load bytes, 6 rebuild calls, 7 calls per minute).
  --instance          the local Keycloak to use: demo (:8080, default) or test (:8180)
  --samples           timed requests per side of each pair (items 1, 2)
  --warmup            untimed requests per side before each pair
  --cold              fresh BFF starts timed for the cold snapshot (item 1d)
  --load-seconds      how long the operators page in item 4
  --operators         simulated operators in items 4 and 7
  --port              the BFF's port (3101: the redirect URI the demo realm registers; another needs its own)
  --build             run \`npm run build\` first (else the checkout's last build is used)
  --warm-requests     list requests each side serves before the list pairs, as a long-running server has (the BFF
                      cycles through the four measured queries; Keycloak's console endpoint gets a quarter as many
                      of its cheap two, first page and address search), on top of --warmup per pair
  --db postgres       Keycloak on the machine's PostgreSQL: a database of its own (sd_kc_bench_<random>, dropped
                      at the end) and a PostgreSQL build of the pinned Keycloak on free ports (--instance is ignored)
  --sessions          fill realm large to this many sessions first (seed:large --sessions; e.g. 100000)
  --users             users without sessions in realm large (seed:large --users): the rebuild is measured
                      before and after adding them (rebuildCalls, rebuildCallsWithExtraUsers)
  --skip              leave items out (comma-separated: rebuild, instances, bulk), e.g. at 100,000 sessions where
                      each rebuild takes minutes; their figures are null
  --instances-seconds how long 20 operators page through one BFF, then two sharing Redis (Admin API calls per minute)
  --bff-root          run DIR/apps/bff/dist/server.js instead of this checkout's (e.g. another worktree's build)
  --bulk-sessions     sessions each side ends in item 3 (the bench creates three times as many fresh ones)
  --bulk-concurrency  BULK_CONCURRENCY of the BFF for the figure (the BFF's default is 8)
  --bulk-also         more BULK_CONCURRENCY values to run item 3 with once each, comma-separated ("" = none)`);
  process.exit(0);
}

export function positive(name: string, raw: string | undefined): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a whole number of at least 1, got "${raw}".`);
  return value;
}

if (opts.instance !== 'demo' && opts.instance !== 'test') throw new Error(`--instance must be demo or test, got "${opts.instance}".`);
export const instance: InstanceName = opts.instance;
if (opts.db !== 'dev-mem' && opts.db !== 'postgres') throw new Error(`--db must be dev-mem or postgres, got "${opts.db}".`);
/** Keycloak's database in this run: its in-memory dev database (default) or PostgreSQL. */
export const DB: 'dev-mem' | 'postgres' = opts.db;
export const SAMPLES = positive('samples', opts.samples);
export const WARMUP = positive('warmup', opts.warmup);
export const WARM_REQUESTS = Number(opts['warm-requests']);
if (!Number.isInteger(WARM_REQUESTS) || WARM_REQUESTS < 0) throw new Error(`--warm-requests must be a whole number, got "${opts['warm-requests']}".`);
export const COLD = positive('cold', opts.cold);
export const LOAD_SECONDS = positive('load-seconds', opts['load-seconds']);
export const OPERATORS = positive('operators', opts.operators);
export const PORT = positive('port', opts.port);
// 3100 is the browser tests' fixed BFF port, 3102 the BFF process tests', 3103 the bench's second BFF (item 7).
if ([3100, 3102, 3103].includes(PORT)) throw new Error(`--port ${PORT} is taken by the browser tests, the BFF's process tests or the bench's second BFF; use 3101 (registered in the demo realm).`);
export const BULK_SESSIONS = positive('bulk-sessions', opts['bulk-sessions']);
export const BULK_CONCURRENCY = positive('bulk-concurrency', opts['bulk-concurrency']);
export const BULK_ALSO = (opts['bulk-also'] ?? '')
  .split(',')
  .map((v) => v.trim())
  .filter((v) => v !== '' && v !== '0')
  .map((v) => positive('bulk-also', v));
if (BULK_SESSIONS > 1_000) throw new Error('--bulk-sessions may be at most 1000 (three fresh sessions per user of realm large).');
export const SESSIONS = positive('sessions', opts.sessions);
export const EXTRA_USERS = Number(opts.users);
if (!Number.isInteger(EXTRA_USERS) || EXTRA_USERS < 0) throw new Error(`--users must be a whole number, got "${opts.users}".`);
export const INSTANCES_SECONDS = positive('instances-seconds', opts['instances-seconds']);
const SKIPPABLE = ['rebuild', 'instances', 'bulk'] as const;
export const SKIP: ReadonlySet<string> = new Set((opts.skip ?? '').split(',').map((item) => item.trim()).filter(Boolean));
for (const item of SKIP) if (!(SKIPPABLE as readonly string[]).includes(item)) throw new Error(`--skip takes ${SKIPPABLE.join(', ')}; got "${item}".`);
export const SOURCE_ROOT = path.resolve(opts['bff-root'] ?? root);
/** Set to a copy of SOURCE_ROOT's build once the build exists (see snapshotBuild). */
export let BFF_ROOT = SOURCE_ROOT;
export function useBffRoot(dir: string): void {
  BFF_ROOT = dir;
}

export const REALM = LARGE_REALM;
export const SEARCH_USER = 'large-user-00';
export const SEARCH_IP = '127.0.0';
export const DETAIL_USER = largeUsername(0);
export const OPERATOR = demoRealm.operators.find((o) => o.role === 'admin') ?? { username: 'desk-admin', password: 'desk-admin' };

export interface Failure {
  step: string;
  status: number | null;
  message: string;
}

export const failures: Failure[] = [];
export function recordFailure(step: string, error: unknown): void {
  const status = error instanceof HttpStatusError ? error.status : null;
  const failure = { step, status, message: errorText(error).slice(0, 600) };
  failures.push(failure);
  log(`FAILED ${step}: ${failure.message}`);
}

export async function attempt<T>(step: string, task: () => Promise<T>): Promise<T | undefined> {
  try {
    return await task();
  } catch (error) {
    recordFailure(step, error);
    return undefined;
  }
}

// ---------------------------------------------------------------- cleanup, even on failure or Ctrl-C
export const { cleanups, cleanUp } = cleanupOnExit('bench');

let bff: BffProcess | undefined;
/** The BFF started by startBff and not stopped yet. */
export function currentBff(): BffProcess | undefined {
  return bff;
}
/** Sign-in requests a minute from one address (RATE_LIMIT_SIGN_IN_PER_MINUTE) in the bench's and the soak's BFFs. */
export const BENCH_SIGN_IN_PER_MINUTE = 1000;

/** The BFF's environment for the bench (beside PORT, PUBLIC_URL and METRICS_PORT, which BffProcess sets). */
export function bffEnv(kc: RunningKeycloak, dataDir: string, extraEnv: Record<string, string> = {}): Record<string, string> {
  return {
    KEYCLOAK_URL: kc.url,
    KEYCLOAK_REALM: demoRealm.realm,
    MANAGED_REALMS: `${demoRealm.realm},${REALM}`,
    LOG_LEVEL: 'warn',
    SNAPSHOT_TTL_SECONDS: '30',
    DATA_DIR: dataDir,
    // Explicit, so a BULK_CONCURRENCY in the shell cannot change the figure unnoticed.
    BULK_CONCURRENCY: String(BULK_CONCURRENCY),
    // Every operator signs in from 127.0.0.1 within a minute (20 here, 20 more in item 7); the default
    // (20 requests a minute per address, two per sign-in) would refuse the eleventh. The limiter still runs.
    RATE_LIMIT_SIGN_IN_PER_MINUTE: String(BENCH_SIGN_IN_PER_MINUTE),
    ...extraEnv,
  };
}

export async function startBff(kc: RunningKeycloak, dataDir: string, extraEnv: Record<string, string> = {}): Promise<BffProcess> {
  const started = await BffProcess.start({
    root: BFF_ROOT,
    port: PORT,
    log,
    // Its counters (Admin API calls, request latency) on a free 127.0.0.1 port, read by lib/metrics.ts.
    metricsPort: await freePort(),
    env: bffEnv(kc, dataDir, extraEnv),
  });
  bff = started;
  return started;
}
export async function stopBff(): Promise<void> {
  const running = bff;
  bff = undefined;
  await running?.stop();
}
cleanups.push({ what: 'stop the BFF', run: stopBff });

export function runCommand(command: string, args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit' });
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

export const listPath = (query: Record<string, string>) => `/api/realms/${REALM}/sessions?${new URLSearchParams(query)}`;
export const FIRST_PAGE = { first: '0', max: '50', sort: 'lastAccess:desc' };

export interface ListResponse {
  items: Array<{ id: string; type: string; lastAccess: string }>;
  total: number;
  snapshot?: { buildMs?: number; refreshing?: boolean; ageSeconds?: number };
}

export function asListResponse(value: unknown): ListResponse {
  if (!isJson(value) || !Array.isArray(value['items']) || typeof value['total'] !== 'number') throw new Error('unexpected session list response');
  return value as unknown as ListResponse;
}

export const fmt = (v: number | null | undefined, unit = '') => (v === null || v === undefined || !Number.isFinite(v) ? '—' : `${Math.round(v * 10) / 10}${unit}`);
export const pct = (s: Summary | null | undefined) => (s ? `${fmt(s.p50)} / ${fmt(s.p95)} ms` : '—');
export const fmtRatio = (r: number | null | undefined) => (r === null || r === undefined || !Number.isFinite(r) ? '—' : r.toFixed(r < 0.1 ? 3 : 2));
export const kib = (n: number | undefined) => (n === undefined ? '—' : `${(n / 1024).toFixed(1)} KiB`);
