// The bench's output: bench/results/latest.json and the table printed at the end.
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import type { AssetTotals } from './lib/assets.ts';
import { readKeptResults, updateReadmeTable } from './readme-table.ts';
import { ratio, summarize, type Summary } from './lib/stats.ts';
import { BFF_BUILD_PARALLELISM } from './lib/keycloak-direct.ts';
import {
  BULK_ALSO, BULK_CONCURRENCY, EXTRA_USERS, INSTANCES_SECONDS, SESSIONS, BULK_SESSIONS, COLD, DETAIL_USER, LOAD_SECONDS, OPERATORS, PORT, REALM, SAMPLES, SEARCH_IP, SEARCH_USER, SOURCE_ROOT, WARMUP,
  DB, failures, fmt, fmtRatio, instance, kib, pct, root,
} from './lib/context.ts';
import type { LargeSeedResult, RunningKeycloak } from '@session-desk/keycloak-local';
import type { KeycloakDirect } from './lib/keycloak-direct.ts';
import type { BulkRound } from './scenarios/bulk.ts';
import type { CallsPerMinute } from './scenarios/instances.ts';
import type { ColdResult, ListCheck, PairResult, UserDetailCheck } from './scenarios/list.ts';
import { buildsSeen } from './scenarios/list.ts';
import type { LoadResult } from './scenarios/load.ts';
import type { RebuildCost } from './scenarios/rebuild-cost.ts';
import type { IpLocationCost } from './scenarios/ip-location.ts';
import type { StackFloor } from './lib/stack-floor.ts';
import type { FirstPaintFloor } from './lib/first-paint.ts';

/** Everything one run measured (see run.ts). */
export interface RunResults {
  version: string;
  sessionCount: number;
  users: number;
  clientsWithSessions: number;
  page: PairResult;
  page50: PairResult;
  pageServerP50Ms: number | null;
  /** The BFF's server-side p50 over the first-page pair's own requests (each after one of Keycloak's). */
  pageServerP50MsPaired: number | null;
  /** The same for the username search: 200 in a row, and over its pair's own requests. */
  searchUserServerP50Ms: number | null;
  searchUserServerP50MsPaired: number | null;
  /** The least page the SPA's stack serves (apps/web/stack-floor), built in the same run. */
  stackFloor: StackFloor | undefined;
  /** Requests each side served before the pairs (--warm-requests), and how long they took. */
  warmUp: { bffRequests: number; bffMs: number; keycloakRequests: number; keycloakMs: number } | undefined;
  /** GET /healthz from the same client: the loopback round trip under every request of ours. */
  httpFloor: Summary | undefined;
  searchUser: PairResult;
  searchIp: PairResult;
  searchTotals: { user: number; ip: number } | undefined;
  cold: ColdResult;
  userDetail: PairResult;
  userDetailCheck: UserDetailCheck | undefined;
  load: LoadResult;
  /** The Sessions page (the figure). */
  ours: AssetTotals | undefined;
  /** The home page `/`, for comparison. */
  oursHome: AssetTotals | undefined;
  /** The Sessions page drawn in Chromium: the libraries whole plus only the code and CSS rules of ours it used. */
  firstPaint: FirstPaintFloor | undefined;
  theirs: AssetTotals | undefined;
  theirsStatic: AssetTotals | undefined;
  bulkRounds: BulkRound[];
  correctness: ListCheck | undefined;
  seed: LargeSeedResult;
  stats: Awaited<ReturnType<KeycloakDirect['clientStats']>>;
  direct: KeycloakDirect;
  kc: RunningKeycloak;
  bffEntry: string;
  build: { root: string; builtAt: string };
  loadAtStart: number[];
  runStarted: number;
  rebuild: RebuildCost | undefined;
  rebuildWithExtraUsers: RebuildCost | null;
  callsPerMinute: CallsPerMinute | undefined;
  ipLocation: IpLocationCost | undefined;
}

/** A run of at least this many sessions reports its RSS as rssMiB100k, smaller ones as rssMiB10k. */
const LARGE_RUN = 50_000;

/** Median of the cycles' build ÷ direct ratios for one order (BFF read Keycloak first, or the direct client did); null without such a cycle. */
function medianRatio(cycles: ColdResult['cycles'], bffFirst: boolean): number | null {
  const ratios = cycles.filter((c) => c.bffFirst === bffFirst).flatMap((c) => (c.buildVsDirect === null ? [] : [c.buildVsDirect]));
  return ratios.length ? summarize(ratios).p50 : null;
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

export function report(r: RunResults): number {
  const { version, sessionCount, users, clientsWithSessions, page, page50, pageServerP50Ms, pageServerP50MsPaired, searchUserServerP50Ms, searchUserServerP50MsPaired, stackFloor, warmUp, httpFloor, searchUser, searchIp, searchTotals, cold, userDetail, userDetailCheck, load, ours, oursHome, firstPaint, theirs, theirsStatic, bulkRounds, correctness, seed, stats, direct, kc, bffEntry, build, loadAtStart, runStarted, rebuild, rebuildWithExtraUsers, callsPerMinute, ipLocation } = r;
  const bulk = bulkRounds.find((round) => round.bulkConcurrency === BULK_CONCURRENCY);
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
    page50VsConsole: page50.ratioP50,
    searchIpVsConsole: searchIp.ratioP50,
    // The least any server could score on this machine: a round trip that does no work, ÷ the console's time.
    httpFloorVsConsoleFirstPage: ratio(httpFloor?.p50, page.theirs?.p50),
    httpFloorVsConsoleIpSearch: ratio(httpFloor?.p50, searchIp.theirs?.p50),
    // The least our first page could take in this run: that round trip plus the BFF's own best time for the page.
    firstPageLowerBoundVsConsole: httpFloor && pageServerP50Ms !== null ? ratio(httpFloor.p50 + pageServerP50Ms, page.theirs?.p50) : null,
    // The same with the BFF's own time during the pair, each of its requests right after one of Keycloak's on the same two cores.
    firstPagePairedLowerBoundVsConsole: httpFloor && pageServerP50MsPaired !== null ? ratio(httpFloor.p50 + pageServerP50MsPaired, page.theirs?.p50) : null,
    // The same bound for the username search (it is served from the snapshot's cached results, as a page
    // is), with the BFF's own time alone, and with its own time while Keycloak shares the two cores (the pair).
    searchUserLowerBoundVsConsole: httpFloor && searchUserServerP50Ms !== null ? ratio(httpFloor.p50 + searchUserServerP50Ms, searchUser.theirs?.p50) : null,
    searchUserPairedLowerBoundVsConsole:
      httpFloor && searchUserServerP50MsPaired !== null ? ratio(httpFloor.p50 + searchUserServerP50MsPaired, searchUser.theirs?.p50) : null,
    pageServerP50Ms,
    rebuildCalls: rebuild?.medianCalls ?? null,
    rebuildCallsPerSession: rebuild && rebuild.sessions > 0 ? Math.round((rebuild.medianCalls / rebuild.sessions) * 10_000) / 10_000 : null,
    rebuildCallsWithExtraUsers: rebuildWithExtraUsers?.medianCalls ?? null,
    // 0 when the realm already held them (an earlier run added them): then the two counts say nothing about idle users.
    rebuildUsersAdded: rebuild && rebuildWithExtraUsers ? rebuildWithExtraUsers.realmUsers - rebuild.realmUsers : null,
    rebuildMs: rebuild?.medianBuildMs ?? null,
    rebuildMsWithExtraUsers: rebuildWithExtraUsers?.medianBuildMs ?? null,
    callsPerMinuteOneInstance: callsPerMinute?.oneInstance ?? null,
    callsPerMinuteTwoInstances: callsPerMinute?.twoInstances ?? null,
    bulkVsDirect: bulk?.bulkVsDirect ?? null,
    bulkVsDirectCpuBound: bulk?.cpuBound?.bulkVsDirectCpuBound ?? null,
    bulkCpuMsPerItem: bulk?.bffCpuMsPerItem ?? null,
    // The same BFF's first job (before the measured one): what a BFF that never ran a job spends per item.
    bulkCpuMsPerItemCold: bulk?.warmupJob?.bffCpuMsPerItem ?? null,
    // The least BFF CPU per item this run allows: the direct client's CPU per DELETE + the audit trail's per item.
    bulkCpuFloorMsPerItem: bulk?.bffCpuFloor?.floorMsPerItem ?? null,
    bulkCpuFloorAtKeycloakPaceMsPerItem: bulk?.bffCpuFloor?.floorAtKeycloakPaceMsPerItem ?? null,
    bulkCpuAuditedLoopMsPerItem: bulk?.auditedLoop?.cpuMsPerItem ?? null,
    rssMiB10k: sessionCount < LARGE_RUN ? load.vmHwmMiB : null,
    rssMiB100k: sessionCount >= LARGE_RUN ? load.vmHwmMiB : null,
    firstLoadKiB: ours ? Math.round((ours.total.gzipBytes / 1024) * 10) / 10 : null,
    // The stack alone (React 19, TanStack Query, wouter, Tailwind's base), and what the Sessions page weighs above it.
    firstLoadStackFloorKiB: stackFloor ? Math.round((stackFloor.gzipBytes / 1024) * 10) / 10 : null,
    firstLoadAboveStackKiB: ours && stackFloor ? Math.round(((ours.total.gzipBytes - stackFloor.gzipBytes) / 1024) * 10) / 10 : null,
    // The least the Sessions page can weigh without drawing less: its libraries whole + only our code that ran and CSS it used.
    firstLoadFirstPaintFloorKiB: firstPaint ? Math.round((firstPaint.floorGzipBytes / 1024) * 10) / 10 : null,
    seedSeconds: seed.seconds,
    ipLookupUs: ipLocation?.lookupUs.ipv4Distinct ?? null,
    ipLookupUsIpv6: ipLocation?.lookupUs.ipv6Distinct ?? null,
    ipLookupUsRepeated: ipLocation?.lookupUs.repeated ?? null,
    ipLocationRssMiB: ipLocation?.memory.rssMiB ?? null,
    ipLocationLoadMs: ipLocation?.loadMs ?? null,
  };
  const overheadMs = (s: 'p50' | 'p95') =>
    userDetail.ours && userDetail.theirs ? Math.round((userDetail.ours[s] - userDetail.theirs[s]) * 100) / 100 : null;
  const result = {
    keycloak: version,
    sessions: sessionCount,
    users,
    clients: clientsWithSessions,
    db: DB,
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
        sessions: SESSIONS,
        extraUsers: EXTRA_USERS,
        instancesSeconds: INSTANCES_SECONDS,
      },
      rebuild: { note: 'Admin API calls and buildMs of warm rebuilds of a fresh BFF (TTL 3 s, no load ceiling), from its own call counter', withoutExtraUsers: rebuild ?? null, withExtraUsers: rebuildWithExtraUsers },
      callsPerMinute: callsPerMinute ?? null,
      ipLocation: ipLocation
        ? { note: 'bench/ip-location.ts in a fresh process: 100,000 distinct IPv4 and 20,000 IPv6 addresses looked up, then 20,000 repeated; memory = growth from loading both databases', ...ipLocation }
        : null,
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
        warmUp: warmUp ?? null,
        httpFloorMs: httpFloor ?? null,
        firstPage: page,
        page50,
        pageServerP50Ms,
        pageServerP50MsNote: '200 first pages in a row after the warm-up, from the BFF\'s request histogram; pageServerP50MsPaired: the same over the pair\'s 30 samples, each right after a Keycloak request',
        pageServerP50MsPaired,
        searchUserServerP50Ms,
        searchUserServerP50MsPaired,
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
        note: 'cold = first list after a fresh BFF start (includes the service-token fetch); direct = the calls a first build makes (KeycloakDirect.firstBuild: client-session-stats, realm and clients at once, every client listing paged by 1,000, then the users\' details and the offline holders\' not-befores side by side); bffBuildCalls: each fresh BFF\'s Admin API calls for its first list, to compare with directCalls',
        coldWallMs: cold.wallMs,
        coldBuildMs: cold.buildMs,
        directParallelMs: cold.directParallelMs,
        directSequentialMs: cold.directSequentialMs,
        directParallelism: BFF_BUILD_PARALLELISM,
        directCalls: cold.listing.calls,
        bffBuildCalls: cold.buildCalls,
        ratioVsSequential: ratio(cold.buildMs?.p50, cold.directSequentialMs?.p50),
        cycles: cold.cycles,
        buildVsDirectBffFirstP50: medianRatio(cold.cycles, true),
        buildVsDirectDirectFirstP50: medianRatio(cold.cycles, false),
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
        oursHome: compactAssets(oursHome),
        stackFloor: stackFloor ?? null,
        firstPaint: firstPaint ?? null,
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
  // Kept per size, so the README can show the last run of each side by side.
  writeFileSync(path.join(resultsDir, `sessions-${SESSIONS}-${result.db}.json`), `${JSON.stringify(result, null, 2)}\n`);
  // The README's table follows the kept runs, so after a run only a commit is needed.
  updateReadmeTable(path.join(root, 'bench', 'README.md'), readKeptResults(resultsDir));

  const rows: string[][] = [
    ['measure', 'Session Desk p50 / p95', 'Keycloak p50 / p95', 'ours/theirs (p50)'],
    ['1a realm list, first page (50)', `${pct(page.ours)} (server p50 ${fmt(pageServerP50Ms)} ms)`, pct(page.theirs), fmtRatio(page.ratioP50)],
    ['1a page 50', pct(page50.ours), pct(page50.theirs), fmtRatio(page50.ratioP50)],
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
      `${fmtRatio(r.bulkVsSequential)}× throughput; vs direct ×${r.bulkConcurrency} ${fmt(r.directConcurrent?.sessionsPerSecond)}/s: ${fmtRatio(r.bulkVsDirect)}×; BFF CPU ${fmt(r.bffCpuMsPerItem)} ms/item; all CPU per item job ${fmt(r.cpuBound?.jobCpuMsPerItem)} · direct ${fmt(r.cpuBound?.directCpuMsPerItem)} ms (cores busy ${fmt(r.cpuBound?.jobCoresBusy)} · ${fmt(r.cpuBound?.directCoresBusy)}): the cores allow the job ${fmtRatio(r.cpuBound?.bulkVsDirectCpuBound)}× the direct client, ${fmtRatio(r.cpuBound?.atTargetBffCpu)}× at 0.5 ms of BFF CPU`,
    ]),
    [
      '6  warm rebuild: Admin API calls',
      rebuild ? `${rebuild.medianCalls} calls, ${fmt(rebuild.medianBuildMs)} ms (${rebuild.realmUsers} users)` : '—',
      rebuildWithExtraUsers ? `with ${rebuildWithExtraUsers.realmUsers} users: ${rebuildWithExtraUsers.medianCalls} calls, ${fmt(rebuildWithExtraUsers.medianBuildMs)} ms` : '—',
      `${fmt(figures.rebuildCallsPerSession)} calls/session`,
    ],
    [
      `7  Admin API calls/min, ${callsPerMinute?.operators ?? OPERATORS} operators`,
      `one BFF: ${fmt(callsPerMinute?.oneInstance)}`,
      `two BFFs (Redis): ${fmt(callsPerMinute?.twoInstances)}`,
      fmtRatio(ratio(callsPerMinute?.twoInstances ?? undefined, callsPerMinute?.oneInstance ?? undefined)),
    ],
    [
      `4  ${load.operators} operators × ${load.seconds} s paging`,
      `${load.requests} req, ${load.requestsPerSecond}/s, ${pct(load.latency)}`,
      '—',
      `errors ${errors}, peak RSS ${fmt(load.vmHwmMiB)} MiB`,
    ],
    [
      '8  IP location: µs per lookup (IPv4 / IPv6 / repeated)',
      ipLocation ? `${fmt(ipLocation.lookupUs.ipv4Distinct)} / ${fmt(ipLocation.lookupUs.ipv6Distinct)} / ${fmt(ipLocation.lookupUs.repeated)} µs` : '—',
      '— (no location)',
      ipLocation ? `memory +${fmt(ipLocation.memory.rssMiB)} MiB RSS (heap ${fmt(ipLocation.memory.heapMiB)}, buffers ${fmt(ipLocation.memory.arrayBuffersMiB)}), load ${fmt(ipLocation.loadMs)} ms` : '—',
    ],
    [
      '5  first load JS+CSS (gzip)',
      ours ? `${kib(ours.total.gzipBytes)} in ${ours.total.files} files` : '—',
      theirs ? `${kib(theirs.total.gzipBytes)} in ${theirs.total.files} files` : '—',
      fmtRatio(figures.bytesVsConsole),
    ],
    [
      '5b the least the Sessions page can weigh (libraries + what it ran and used)',
      firstPaint ? `${kib(firstPaint.floorGzipBytes)} (${kib(firstPaint.libraryGzipBytes)} + ${kib(firstPaint.oursExecutedGzipBytes)} JS + ${kib(firstPaint.cssUsedGzipBytes)} CSS)` : '—',
      '—',
      '—',
    ],
  ];
  if (!bulkRounds.length) rows.splice(7, 0, ['3  end 1,000 sessions', 'failed (see below)', '—', '—']);
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
  console.log(`\nfigures ${JSON.stringify(figures)}\nwritten to bench/results/latest.json and the table of bench/README.md (${result.details.seconds} s)`);
  return failures.length ? 1 : 0;
}
