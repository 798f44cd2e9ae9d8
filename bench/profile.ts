// npm run bench:profile: where a BFF's CPU goes while operators page the large realm's sessions
// (--what page, the default) or while one bulk job ends --bulk-sessions fresh sessions (--what bulk).
// Starts the bench's Keycloak (seeded as `npm run bench` does), one BFF under `node --cpu-prof`,
// warms its snapshot, then pages from --operators operators for --load-seconds, or runs the job;
// the BFF is stopped so Node writes the profile, and the self time is summed per package and per function.
// Writes bench/results/profile-<what>.json and the .cpuprofile (open it in Chrome DevTools).
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchKeycloak } from './lib/bench-keycloak.ts';
import { seedLargeRealm } from '@session-desk/keycloak-local';
import { runBulkJob } from './lib/bulk-end.ts';
import { WARMUP_JOB_ITEMS } from './scenarios/bulk.ts';
import { BULK_SESSIONS, FIRST_PAGE, LOAD_SECONDS, OPERATOR, OPERATORS, REALM, SESSIONS, cleanUp, listPath, log, opts, startBff, stopBff } from './lib/context.ts';
import { createFreshSessions } from './lib/fresh-sessions.ts';
import { signIn } from './lib/operator.ts';
import { pageFor } from './lib/paging.ts';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}
interface CpuProfile {
  /** µs on the machine's monotonic clock (CLOCK_MONOTONIC, as process.hrtime here). */
  startTime: number;
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Where a script lives: its npm package, the BFF's own module, or Node's internals. */
function ownerOf(url: string): string {
  if (!url) return '(native or idle)';
  if (url.startsWith('node:')) return 'node internals';
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const rest = url.slice(modules + 'node_modules/'.length).split('/');
    return rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1]}` : (rest[0] ?? url);
  }
  const bff = url.lastIndexOf('apps/bff/src/');
  if (bff >= 0) return `bff: ${url.slice(bff + 'apps/bff/src/'.length)}`;
  const dist = url.lastIndexOf('apps/bff/dist/');
  return dist >= 0 ? `bff: ${url.slice(dist + 'apps/bff/dist/'.length)}` : url;
}

const sourceMaps = new Map<string, SourceMap | undefined>();
/**
 * The source file and line (1-based) a frame of the built BFF comes from: dist/server.js is one bundle
 * (apps/bff/bundle.ts), so its positions are mapped back through its source map to the BFF's own
 * module or the npm package. Frames without a map keep their own script and line.
 */
function sourceOf(frame: ProfileNode['callFrame']): { url: string; line: number } {
  const own = { url: frame.url, line: frame.lineNumber + 1 };
  if (!frame.url.startsWith('file:')) return own;
  if (!sourceMaps.has(frame.url)) {
    const mapFile = `${fileURLToPath(frame.url)}.map`;
    sourceMaps.set(frame.url, existsSync(mapFile) ? new SourceMap(JSON.parse(readFileSync(mapFile, 'utf8')) as ConstructorParameters<typeof SourceMap>[0]) : undefined);
  }
  const entry = sourceMaps.get(frame.url)?.findEntry(frame.lineNumber, frame.columnNumber);
  if (!entry || !('originalSource' in entry)) return own;
  return { url: new URL(entry.originalSource, frame.url).href, line: entry.originalLine + 1 };
}


/** Now on the monotonic clock the profile's timestamps use, in µs. */
const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);

/** Self time (ms) per owner and per function, largest first; idle and GC apart; only samples inside `window` (µs) when given. */
function summarise(profile: CpuProfile, top: number, window?: { fromUs: number; toUs: number }) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const owners = new Map<string, number>();
  const functions = new Map<string, number>();
  let total = 0;
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    at += profile.timeDeltas[i] ?? 0;
    if (window && (at < window.fromUs || at > window.toUs)) return;
    if (!node || node.callFrame.functionName === '(idle)') return;
    total += ms;
    const source = sourceOf(node.callFrame);
    const owner = ownerOf(source.url);
    owners.set(owner, (owners.get(owner) ?? 0) + ms);
    const name = `${node.callFrame.functionName || '(anonymous)'} ${owner}:${source.line}`;
    functions.set(name, (functions.get(name) ?? 0) + ms);
  });
  const ranked = (map: Map<string, number>) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, ms]) => ({ name, ms: Math.round(ms), share: Math.round((ms / total) * 1000) / 10 }));
  return { busyMs: Math.round(total), byOwner: ranked(owners), byFunction: ranked(functions) };
}

try {
  const kc = await benchKeycloak();
  await seedLargeRealm({ url: kc.url, sessions: SESSIONS, log: (line) => log(`seed: ${line}`) });
  if (opts.what !== 'page' && opts.what !== 'bulk') throw new Error(`--what must be page or bulk, got "${opts.what}".`);
  const what = opts.what;
  const fresh = what === 'bulk' ? await createFreshSessions(kc.url, WARMUP_JOB_ITEMS + BULK_SESSIONS, { log: (line) => log(`fresh:${line}`) }) : undefined;
  const profileDir = mkdtempSync(path.join(tmpdir(), 'sd-profile-'));
  const bff = await startBff(kc, mkdtempSync(path.join(tmpdir(), 'sd-profile-data-')), {
    NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${profileDir}`,
    // A job of 1,000 ids is ~50 KB, over the default BODY_LIMIT_BYTES (as in the bench's item 3).
    BODY_LIMIT_BYTES: '1048576',
  });
  const operators = await Promise.all(Array.from({ length: what === 'bulk' ? 1 : OPERATORS }, () => signIn(bff.url, OPERATOR.username, OPERATOR.password)));
  await Promise.all(operators.map((operator) => operator.get(listPath(FIRST_PAGE))));
  let requests: number;
  let job: Awaited<ReturnType<typeof runBulkJob>> | undefined;
  // Only the job's own time is summed (not the BFF's start and first snapshot).
  let window: { fromUs: number; toUs: number } | undefined;
  if (fresh && operators[0]) {
    const ids = fresh.sessions.map((session) => session.id);
    // As in the bench's item 3: the measured job is the BFF's second, after a first that compiles its code.
    log(`warming: a first job ending ${WARMUP_JOB_ITEMS} sessions…`);
    await runBulkJob(operators[0], REALM, ids.slice(0, WARMUP_JOB_ITEMS), 'bench: warm-up job before the profile');
    const measured = ids.slice(WARMUP_JOB_ITEMS);
    log(`profiling: one job ending ${measured.length} sessions…`);
    const fromUs = monotonicUs();
    job = await runBulkJob(operators[0], REALM, measured, 'bench: profile of a bulk job');
    window = { fromUs, toUs: monotonicUs() };
    requests = measured.length;
    log(`job ${job.state} in ${job.wallMs} ms: ${JSON.stringify(job.outcomes)}`);
  } else {
    log(`profiling: ${OPERATORS} operators page for ${LOAD_SECONDS} s…`);
    requests = await pageFor(operators, LOAD_SECONDS);
  }
  await stopBff();
  const file = readdirSync(profileDir).find((name) => name.endsWith('.cpuprofile'));
  if (!file) throw new Error(`The BFF wrote no profile into ${profileDir}.`);
  const profile = JSON.parse(readFileSync(path.join(profileDir, file), 'utf8')) as CpuProfile;
  const summary = summarise(profile, 25, window);
  const shape =
    what === 'bulk'
      ? { items: requests, jobMs: job?.wallMs ?? null, outcomes: job?.outcomes ?? null, cpuMsPerItem: Math.round((summary.busyMs / requests) * 100) / 100 }
      : { requests, seconds: LOAD_SECONDS, operators: OPERATORS, cpuMsPerRequest: Math.round((summary.busyMs / requests) * 100) / 100 };
  const result = { at: new Date().toISOString(), what, ...shape, ...summary, window: window ?? null, profile: path.join(profileDir, file) };
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(`bench/results/profile-${what}.json`, `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify({ ...result, byFunction: result.byFunction.slice(0, 15) }, null, 2));
} finally {
  await cleanUp();
}
