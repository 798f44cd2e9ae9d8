// `npm run bench`: Session Desk against Keycloak's own admin console and Admin API, on one realm of
// 10,000 sessions (`large`; `--sessions 100000` for ten times that). Starts what it needs, stops
// what it started. The scenarios are in scenarios/, the output in report.ts. See bench/README.md.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { seedLargeRealm } from '@session-desk/keycloak-local';
import { consoleSessionsRoute, firstModuleOnly, measurePage, readSpaManifest, spaRouteChunks } from './lib/assets.ts';
import { measureFirstPaintFloor } from './lib/first-paint.ts';
import { benchKeycloak } from './lib/bench-keycloak.ts';
import { snapshotBuild } from './lib/build-snapshot.ts';
import {
  BULK_ALSO, BULK_CONCURRENCY, COLD, SAMPLES, WARMUP, WARM_REQUESTS, SKIP, DETAIL_USER, EXTRA_USERS, FIRST_PAGE, LOAD_SECONDS, OPERATOR, OPERATORS, REALM, SEARCH_IP, SEARCH_USER, SESSIONS, SOURCE_ROOT,
  asListResponse, attempt, cleanUp, cleanups, currentBff, fmt, listPath, log, opts, root, runCommand, startBff, stopBff, useBffRoot,
  kib,
} from './lib/context.ts';
import { errorText } from './lib/http.ts';
import { quantileMs, routeHistogram } from './lib/metrics.ts';
import type { Operator } from './lib/operator.ts';
import { signIn } from './lib/operator.ts';
import { measureStackFloor } from './lib/stack-floor.ts';
import { report } from './report.ts';
import { sampleAlone } from './lib/stats.ts';

/** First pages requested in a row for the BFF's server-side p50 (`pageServerP50Ms`). */
const SERVER_SIDE_PAGES = 200;
import type { BulkRound } from './scenarios/bulk.ts';
import { bulkRound } from './scenarios/bulk.ts';
import { measureCallsPerMinute } from './scenarios/instances.ts';
import { checkList, checkUserDetail, coldSnapshots, directClient, noteSnapshot, pair, serverVersion } from './scenarios/list.ts';
import { loadTest } from './scenarios/load.ts';
import { measureRebuildCost } from './scenarios/rebuild-cost.ts';
import { measureIpLocationCost } from './scenarios/ip-location.ts';

const SESSIONS_ROUTE = '/api/realms/:realm/sessions';

async function main(): Promise<number> {
  const runStarted = performance.now();
  const loadAtStart = loadavg().map((v) => Math.round(v * 100) / 100);
  const kc = await benchKeycloak();

  const seed = await seedLargeRealm({ url: kc.url, sessions: SESSIONS, log: (line) => log(`seed: ${line}`) });
  log(`realm ${REALM}: ${seed.after.regular} regular + ${seed.after.offline} offline sessions (seeded ${seed.created.regular + seed.created.offline} now, ${seed.seconds} s)`);

  if (opts.build || !existsSync(path.join(root, 'apps/bff/dist/server.js')) || !existsSync(path.join(root, 'apps/web/dist/index.html'))) {
    log('building (npx turbo run build)…');
    if ((await runCommand('npx', ['turbo', 'run', 'build', '--output-logs=errors-only'])) !== 0) throw new Error('The build failed; see above.');
  }
  const bffEntry = path.join(SOURCE_ROOT, 'apps/bff/dist/server.js');
  if (!existsSync(bffEntry)) throw new Error(`There is no ${bffEntry}.`);
  const build = snapshotBuild(SOURCE_ROOT);
  cleanups.push({ what: 'remove the copy of the build', run: async () => rmSync(build.root, { recursive: true, force: true }) });
  useBffRoot(build.root);
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
  const directSessions = cold.listing.sessions;
  log(`direct listing: ${directSessions.size} distinct sessions in ${cold.listing.calls} calls`);
  log(`cold build ÷ direct per cycle: ${cold.cycles.map((c) => `${c.buildVsDirect ?? '-'} (${c.bffFirst ? 'BFF first' : 'direct first'})`).join(', ')}`);

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

  const correctness = await attempt('session list of realm large through the BFF (correctness check)', () => checkList(first, directSessions, direct));
  if (correctness) log(`correctness: BFF total ${correctness.bffTotal} vs ${correctness.directDistinctSessions} distinct direct (${correctness.totalMatches ? 'match' : 'MISMATCH'}); invalid ids on page 1: ${correctness.firstPageInvalidIds.length}`);

  // 3. Realm-wide list and searches: BFF versus the admin console's own endpoint; the BFF's own
  // server-side time for the first page from its request histogram.
  const bffList = async (query: Record<string, string>) => noteSnapshot(asListResponse(await first.get(listPath(query))));
  // A server that has run a while: V8 optimises the request path after a few hundred requests
  // (measured server-side p50 of the first page: 3.8 ms after 5, 2.2 after 100, 0.8 after 1,000).
  const warmQueries = [FIRST_PAGE, { ...FIRST_PAGE, first: '2450' }, { ...FIRST_PAGE, q: SEARCH_USER }, { ...FIRST_PAGE, q: SEARCH_IP }];
  const warmed = await attempt('warm-up of both sides', async () => {
    const started = performance.now();
    for (let i = 0; i < WARM_REQUESTS; i++) await first.get(listPath(warmQueries[i % warmQueries.length] ?? FIRST_PAGE));
    const bffMs = performance.now() - started;
    for (let i = 0; i < Math.ceil(WARM_REQUESTS / 4); i++) await direct.consoleSessions(i % 2 === 0 ? '' : SEARCH_IP, 0, 50);
    return { bffRequests: WARM_REQUESTS, bffMs: Math.round(bffMs), keycloakRequests: Math.ceil(WARM_REQUESTS / 4), keycloakMs: Math.round(performance.now() - started - bffMs) };
  });
  if (warmed) log(`warm-up: ${warmed.bffRequests} BFF list requests in ${warmed.bffMs} ms, ${warmed.keycloakRequests} console requests in ${warmed.keycloakMs} ms`);
  // The floor under every figure of ours: one loopback HTTP round trip to the BFF that does no work
  // (GET /healthz: no session, no JSON to build), timed by the same client as the pages.
  const httpFloor = await attempt('HTTP floor (GET /healthz)', async () => {
    const once = async () => {
      const response = await fetch(`${server.url}/healthz`);
      await response.arrayBuffer();
    };
    return sampleAlone(once, { warmup: WARMUP, samples: SAMPLES });
  });
  if (httpFloor) log(`HTTP floor: GET /healthz p50 ${httpFloor.p50} ms`);
  // The BFF's own time for a page: 200 first pages in a row, read from its request histogram.
  const pageServerP50Ms = await attempt('BFF server-side p50 of the first page', async () => {
    const before = await routeHistogram(server, SESSIONS_ROUTE);
    for (let i = 0; i < SERVER_SIDE_PAGES; i++) await bffList(FIRST_PAGE);
    return quantileMs(before, await routeHistogram(server, SESSIONS_ROUTE), 0.5);
  });
  log(`first page: BFF server-side p50 ${fmt(pageServerP50Ms)} ms (its request histogram, ${SERVER_SIDE_PAGES} pages in a row)`);
  const searchUserServerP50Ms = await attempt('BFF server-side p50 of the username search', async () => {
    const before = await routeHistogram(server, SESSIONS_ROUTE);
    for (let i = 0; i < SERVER_SIDE_PAGES; i++) await bffList({ ...FIRST_PAGE, q: SEARCH_USER });
    return quantileMs(before, await routeHistogram(server, SESSIONS_ROUTE), 0.5);
  });
  log(`search "${SEARCH_USER}": BFF server-side p50 ${fmt(searchUserServerP50Ms)} ms (${SERVER_SIDE_PAGES} in a row)`);
  const histogramBefore = await attempt('BFF request histogram', () => routeHistogram(server, SESSIONS_ROUTE));
  const page = await pair('first page (50, by last access)', () => bffList(FIRST_PAGE), () => direct.consoleSessions('', 0, 50));
  const histogramAfter = await attempt('BFF request histogram', () => routeHistogram(server, SESSIONS_ROUTE));
  // The same, over the pair's own requests: each of ours follows one of Keycloak's on the same two cores.
  const pageServerP50MsPaired = histogramBefore && histogramAfter ? quantileMs(histogramBefore, histogramAfter, 0.5) : null;
  log(`first page: BFF server-side p50 ${fmt(pageServerP50MsPaired)} ms during the pair`);
  const page50 = await pair('page 50 (by last access)', () => bffList({ ...FIRST_PAGE, first: '2450' }), () => direct.consoleSessions('', 2450, 50));
  const searchUserBefore = await attempt('BFF request histogram', () => routeHistogram(server, SESSIONS_ROUTE));
  const searchUser = await pair(`search "${SEARCH_USER}"`, () => bffList({ ...FIRST_PAGE, q: SEARCH_USER }), () => direct.consoleSessions(SEARCH_USER, 0, 50));
  const searchUserAfter = await attempt('BFF request histogram', () => routeHistogram(server, SESSIONS_ROUTE));
  const searchUserServerP50MsPaired = searchUserBefore && searchUserAfter ? quantileMs(searchUserBefore, searchUserAfter, 0.5) : null;
  log(`search "${SEARCH_USER}": BFF server-side p50 ${fmt(searchUserServerP50MsPaired)} ms during the pair`);
  const searchIp = await pair(`search "${SEARCH_IP}"`, () => bffList({ ...FIRST_PAGE, q: SEARCH_IP }), () => direct.consoleSessions(SEARCH_IP, 0, 50));
  const searchTotals = await attempt('search totals through the BFF', async () => ({
    user: asListResponse(await first.get(listPath({ ...FIRST_PAGE, q: SEARCH_USER }))).total,
    ip: asListResponse(await first.get(listPath({ ...FIRST_PAGE, q: SEARCH_IP }))).total,
  }));

  // 4. One user's sessions.
  const userId = await direct.userIdByUsername(DETAIL_USER);
  const userDetailCheck = await attempt('user detail through the BFF', () => checkUserDetail(first, direct, userId));
  const userDetail = await pair(`user detail (${DETAIL_USER})`, () => first.get(`/api/realms/${REALM}/users/${encodeURIComponent(userId)}`), () => direct.userDetail(userId));

  // 5. Load: every operator pages the realm at once; the BFF's memory is sampled.
  log(`load: ${operators.length} operators for ${LOAD_SECONDS} s…`);
  const load = await loadTest(server, operators);
  log(`load: ${load.requests} requests (${load.requestsPerSecond}/s), non-2xx ${load.non2xx}, network errors ${load.networkErrors}, VmHWM ${fmt(load.vmHwmMiB)} MiB`);

  // 6. First-load bytes of the SPA versus the admin console's sessions page.
  // The Sessions page as an operator opens it: the shell's files plus that page's lazily loaded module.
  const manifest = readSpaManifest(build.root);
  const ours = await attempt('Session Desk SPA assets (Sessions page)', () =>
    measurePage(`${server.url}/realms/${REALM}/sessions`, firstModuleOnly(spaRouteChunks(manifest, 'src/app/routes/sessions.tsx', server.url))));
  // The same page drawn in Chromium: how far splitting and lazy loading alone could take it (bench/lib/first-paint.ts).
  const firstPaint = await attempt('first-paint floor (Chromium coverage of the Sessions page)', () =>
    measureFirstPaintFloor({
      baseUrl: server.url,
      path: `/realms/${REALM}/sessions`,
      cookies: first.jar.entries(),
      drawn: 'tbody tr',
      // The `vendor` chunk of apps/web/vite.config.ts: React, TanStack Query, wouter and their own dependencies.
      isLibrary: (url) => /\/assets\/vendor-[^/]+\.js$/.test(url),
      executablePath: '/usr/bin/chromium', // as playwright.config.ts
    }));
  if (firstPaint) log(`first load: the Sessions page can weigh no less than ${kib(firstPaint.floorGzipBytes)} (libraries ${kib(firstPaint.libraryGzipBytes)}, our code that ran ${kib(firstPaint.oursExecutedGzipBytes)}, CSS used ${kib(firstPaint.cssUsedGzipBytes)})`);
  const oursHome = await attempt('Session Desk SPA assets (home page)', () =>
    measurePage(`${server.url}/`, firstModuleOnly(spaRouteChunks(manifest, 'src/app/routes/home.tsx', server.url))));
  const consoleUrl = `${kc.url}/admin/master/console/`;
  const theirs = await attempt('admin console assets (static imports + sessions route chunk)', () => measurePage(consoleUrl, consoleSessionsRoute));
  const theirsStatic = await attempt('admin console assets (static imports only)', () => measurePage(consoleUrl));
  // The least page the same stack serves (React 19, TanStack Query, wouter, Tailwind), built now by the same Vite.
  const stackFloor = await attempt('stack-floor page (apps/web/stack-floor)', async () => measureStackFloor());
  if (stackFloor) log(`first load: the stack alone ${kib(stackFloor.gzipBytes)} gzip; the Sessions page ${kib(ours?.total.gzipBytes)}`);
  await stopBff();

  // 7. A warm rebuild's Admin API calls, before and after the users without sessions are added.
  log('rebuild cost: Admin API calls of warm snapshot rebuilds…');
  const rebuild = SKIP.has('rebuild') ? undefined : await attempt('rebuild cost', () => measureRebuildCost(kc, dataDir, users));
  let rebuildWithExtraUsers = null;
  if (EXTRA_USERS > 0 && !SKIP.has('rebuild')) {
    const extra = await attempt(`seed ${EXTRA_USERS} users without sessions`, () => seedLargeRealm({ url: kc.url, sessions: SESSIONS, idleUsers: EXTRA_USERS, log: (line) => log(`seed: ${line}`) }));
    if (extra) log(`realm ${REALM} holds ${extra.idleUsers} users without sessions (${extra.idleImportSeconds} s to import)`);
    const realmUsers = Number(await direct.get('/users/count'));
    rebuildWithExtraUsers = (await attempt('rebuild cost with the extra users', () => measureRebuildCost(kc, dataDir, realmUsers))) ?? null;
  }

  // 8. Admin API calls per minute: one BFF, then two sharing Redis, 20 operators paging.
  const callsPerMinute = SKIP.has('instances') ? undefined : await attempt('calls per minute', () => measureCallsPerMinute(kc, dataDir));

  // 8b. IP location: µs per lookup and the memory of the databases, in a process of its own.
  log('IP location: lookup cost and memory…');
  const ipLocation = await attempt('IP location cost', () => measureIpLocationCost());
  if (ipLocation) log(`IP location: ${ipLocation.lookupUs.ipv4Distinct} µs per IPv4 lookup, ${ipLocation.lookupUs.ipv6Distinct} µs IPv6, ${ipLocation.lookupUs.repeated} µs repeated; +${ipLocation.memory.rssMiB} MiB RSS`);

  // 9. Ending 1,000 sessions: one BFF job versus DELETEs sent directly (last: it adds 3,000 sessions
  // to the realm and ends them again).
  const bulkRounds: BulkRound[] = [];
  for (const concurrency of SKIP.has('bulk') ? [] : [BULK_CONCURRENCY, ...BULK_ALSO]) {
    const round = await attempt(`bulk end (BULK_CONCURRENCY ${concurrency})`, () => bulkRound(kc, dataDir, direct, concurrency));
    if (round) bulkRounds.push(round);
  }

  return report({
    version, sessionCount, users, clientsWithSessions, page, page50, pageServerP50Ms: pageServerP50Ms ?? null, pageServerP50MsPaired, searchUserServerP50Ms: searchUserServerP50Ms ?? null, searchUserServerP50MsPaired, stackFloor, warmUp: warmed, httpFloor, searchUser, searchIp, searchTotals, cold, userDetail, userDetailCheck, load,
    ours, oursHome, firstPaint, theirs, theirsStatic, bulkRounds, correctness, seed, stats, direct, kc, bffEntry, build, loadAtStart, runStarted, rebuild, rebuildWithExtraUsers, callsPerMinute,
    ipLocation,
  });
}

let exitCode = 1;
try {
  exitCode = await main();
} catch (error) {
  console.error(`[bench] ${errorText(error)}`);
  const bff = currentBff();
  if (bff) console.error(`[bench] BFF output:\n${bff.output}`);
} finally {
  await cleanUp();
}
process.exit(exitCode);
