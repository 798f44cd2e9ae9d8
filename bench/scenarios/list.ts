// Items 1 and 1d: the realm list and searches against Keycloak's console endpoint, and cold snapshots against the same calls made directly.
import type { RunningKeycloak } from '@session-desk/keycloak-local';
import { KEYCLOAK_VERSION, demoRealm, masterAdminToken } from '@session-desk/keycloak-local';
import { getJson, isJson, jsonArray } from '../lib/http.ts';
import type { ListedSession } from '../lib/keycloak-direct.ts';
import type { Operator } from '../lib/operator.ts';
import { BFF_BUILD_PARALLELISM, KeycloakDirect, TokenSource } from '../lib/keycloak-direct.ts';
import { adminCalls } from '../lib/metrics.ts';
import { signIn } from '../lib/operator.ts';
import type { Summary } from '../lib/stats.ts';
import { comparePair, ratio, sampleAlone, summarize, timed } from '../lib/stats.ts';
import type { ListResponse } from '../lib/context.ts';
import { COLD, FIRST_PAGE, OPERATOR, REALM, SAMPLES, WARMUP, asListResponse, attempt, fmt, listPath, log, recordFailure, startBff, stopBff } from '../lib/context.ts';

export interface PairResult {
  ours: Summary | null;
  theirs: Summary | null;
  ratioP50: number | null;
  ratioP95: number | null;
}

/** Probes both sides once; times them as a pair when both answer, else whichever side works. */
export async function pair(step: string, ours: () => Promise<unknown>, theirs: () => Promise<unknown>): Promise<PairResult> {
  const oursOk = (await attempt(`${step} (Session Desk)`, ours)) !== undefined;
  const theirsOk = (await attempt(`${step} (Keycloak)`, theirs)) !== undefined;
  const options = { warmup: WARMUP, samples: SAMPLES };
  let result: { ours: Summary | null; theirs: Summary | null };
  if (oursOk && theirsOk) result = await comparePair(ours, theirs, options);
  else if (oursOk || theirsOk) {
    const alone = await sampleAlone(oursOk ? ours : theirs, options);
    result = oursOk ? { ours: alone, theirs: null } : { ours: null, theirs: alone };
  } else result = { ours: null, theirs: null };
  const out = { ...result, ratioP50: ratio(result.ours?.p50, result.theirs?.p50), ratioP95: ratio(result.ours?.p95, result.theirs?.p95) };
  log(`${step}: ours p50 ${result.ours?.p50 ?? '-'} ms, Keycloak p50 ${result.theirs?.p50 ?? '-'} ms, ratio ${out.ratioP50 ?? '-'}`);
  return out;
}

export interface ColdResult {
  wallMs: Summary | null;
  buildMs: Summary | null;
  directParallelMs: Summary | null;
  directSequentialMs: Summary | null;
  listing: Awaited<ReturnType<KeycloakDirect['firstBuild']>>;
  /** Admin API calls of each fresh BFF's first list (its first build), from its own counter: the direct side's `listing.calls` should match. */
  buildCalls: number[];
  /** Per cycle: which side read Keycloak first, and the BFF's build ms ÷ the direct ×4 listing's ms of that cycle. */
  cycles: { bffFirst: boolean; buildVsDirect: number | null }[];
}

/**
 * Interleaved cycles: a fresh BFF's first (cold) list, and the same calls its first build makes,
 * made directly (×4 in parallel as the BFF builds it, and sequentially), so Keycloak's drift hits
 * all three alike. The order alternates (even cycles BFF first, odd cycles direct first): Keycloak
 * on PostgreSQL loads sessions into its cache on a first read, so a fixed order favours one side.
 */
export async function coldSnapshots(kc: RunningKeycloak, dataDir: string, direct: KeycloakDirect): Promise<ColdResult> {
  const wall: number[] = [];
  const build: number[] = [];
  const parallel: number[] = [];
  const sequential: number[] = [];
  const buildCalls: number[] = [];
  const cycles: ColdResult['cycles'] = [];
  let listing = await direct.firstBuild(BFF_BUILD_PARALLELISM); // warm-up
  let bffWorks = true;
  const bffCold = async (): Promise<number | null> => {
    if (!bffWorks) return null;
    const server = await startBff(kc, dataDir);
    try {
      const operator = await signIn(server.url, OPERATOR.username, OPERATOR.password);
      const callsBefore = await adminCalls(server);
      const { ms, value } = await timed(() => operator.get(listPath(FIRST_PAGE)));
      buildCalls.push((await adminCalls(server)) - callsBefore);
      const list = asListResponse(value);
      wall.push(ms);
      if (typeof list.snapshot?.buildMs !== 'number') return null;
      build.push(list.snapshot.buildMs);
      return list.snapshot.buildMs;
    } catch (error) {
      recordFailure('cold list through the BFF (fresh BFF, first request)', error);
      bffWorks = false;
      return null;
    } finally {
      await stopBff();
    }
  };
  const directCold = async (): Promise<number> => {
    const p = await timed(() => direct.firstBuild(BFF_BUILD_PARALLELISM));
    parallel.push(p.ms);
    listing = p.value;
    return p.ms;
  };
  for (let i = 0; i < COLD; i++) {
    const bffFirst = i % 2 === 0;
    // This cycle's own BFF figures only: after a failed BFF the lists keep the last good cycle's.
    const bffRanBefore = wall.length;
    let buildMs: number | null;
    let directMs: number;
    if (bffFirst) {
      buildMs = await bffCold();
      directMs = await directCold();
    } else {
      directMs = await directCold();
      buildMs = await bffCold();
    }
    sequential.push((await timed(() => direct.firstBuild(1))).ms);
    cycles.push({ bffFirst, buildVsDirect: ratio(buildMs ?? undefined, directMs) });
    log(
      `cold cycle ${i + 1}/${COLD} (${bffFirst ? 'BFF first' : 'direct first'}): BFF first list ${fmt(wall.length > bffRanBefore ? wall.at(-1) : undefined)} ms (buildMs ${fmt(buildMs ?? undefined)}, ${wall.length > bffRanBefore ? buildCalls.at(-1) : '-'} calls), direct ${listing.calls} calls ×${BFF_BUILD_PARALLELISM} ${fmt(directMs)} ms, direct ×1 ${fmt(sequential.at(-1))} ms`,
    );
  }
  const summary = (list: number[]) => (list.length ? summarize(list) : null);
  return { wallMs: summary(wall), buildMs: summary(build), directParallelMs: summary(parallel), directSequentialMs: summary(sequential), listing, buildCalls, cycles };
}

/** Snapshot builds seen in list answers of the long-running BFF (background rebuilds after the 30 s TTL). */
export const buildsSeen = new Map<string, number>();
export function noteSnapshot(list: ListResponse): ListResponse {
  const builtAt = (list.snapshot as { builtAt?: string } | undefined)?.builtAt;
  if (builtAt && typeof list.snapshot?.buildMs === 'number') buildsSeen.set(builtAt, list.snapshot.buildMs);
  return list;
}

export async function serverVersion(url: string): Promise<string> {
  try {
    const info = await getJson(`${url}/admin/serverinfo`, { authorization: `Bearer ${await masterAdminToken(url)}` });
    const version = isJson(info) && isJson(info['systemInfo']) ? info['systemInfo']['version'] : undefined;
    return typeof version === 'string' ? version : KEYCLOAK_VERSION;
  } catch {
    return KEYCLOAK_VERSION;
  }
}

/** Direct calls use the `session-desk-service` service account of realm `large` (the token the BFF would need); master admin if that fails. */
export async function directClient(url: string): Promise<KeycloakDirect> {
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

/** The BFF's total and first page against the direct full listing, and the console's own full list. */
export async function checkList(first: Operator, directSessions: Map<string, ListedSession>, direct: KeycloakDirect) {
  const list = asListResponse(await first.get(listPath(FIRST_PAGE)));
  const directIds = new Set([...directSessions.values()].map((s) => s.id));
  const invalid = list.items.filter((item) => !directSessions.has(`${item.type}:${item.id}`));
  const times = list.items.map((item) => Date.parse(item.lastAccess));
  const consoleAll = jsonArray(await direct.consoleSessions('', 0, 1_000_000));
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
}
export type ListCheck = Awaited<ReturnType<typeof checkList>>;

/** One user's session counts through the BFF and directly. */
export async function checkUserDetail(first: Operator, direct: KeycloakDirect, userId: string) {
  const detail = await first.get(`/api/realms/${REALM}/users/${encodeURIComponent(userId)}`);
  const mine = isJson(detail) ? { regular: jsonArray(detail['sessions']).length, offline: jsonArray(detail['offlineSessions']).length } : null;
  return { bff: mine, direct: await direct.userDetail(userId) };
}
export type UserDetailCheck = Awaited<ReturnType<typeof checkUserDetail>>;
