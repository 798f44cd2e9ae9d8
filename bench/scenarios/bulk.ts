// Item 3: ending 1,000 sessions with one bulk job against direct DELETEs.
import { forEachWithConcurrency, type RunningKeycloak } from '@session-desk/keycloak-local';
import type { BulkJobResult, SequentialResult } from '../lib/bulk-end.ts';
import { auditRecords, deleteSession, directDelete, runBulkJob } from '../lib/bulk-end.ts';
import { auditedLoop, auditFloor, type AuditedLoop, type AuditFloor } from '../lib/audit-floor.ts';
import { cpuMeter, settled } from '../lib/cpu.ts';
import { adminCalls } from '../lib/metrics.ts';
import { createFreshSessions } from '../lib/fresh-sessions.ts';
import type { KeycloakDirect, TokenSource } from '../lib/keycloak-direct.ts';
import { BFF_BUILD_PARALLELISM } from '../lib/keycloak-direct.ts';
import { signIn } from '../lib/operator.ts';
import { ratio } from '../lib/stats.ts';
import { BFF_ROOT, BULK_SESSIONS, FIRST_PAGE, OPERATOR, REALM, asListResponse, attempt, cleanups, fmt, listPath, log, recordFailure, startBff, stopBff } from '../lib/context.ts';

// ---------------------------------------------------------------- 3. ending 1,000 sessions
/** BODY_LIMIT_BYTES' default in apps/bff/src/env.ts. */
export const BFF_DEFAULT_BODY_LIMIT = 16_384;

/** Fresh sessions the bench made and has not seen ended yet; ended directly on failure or Ctrl-C. */
export const freshAlive = new Set<string>();

/**
 * Items of the job the round's BFF runs before the measured one, so that job is measured warm: both
 * parts of its floor are (the audit trail after `auditFloor`'s 300 warm-up items, the direct client
 * after the sequential side's 1,000 DELETEs), as a BFF is after its first jobs in production. As many
 * as the measured job (300 until 3 December 2026): measured on this machine, a BFF's second job of
 * 1,000 after a first of 300 took about 0.1 ms more per item than its third, V8 still compiling its code.
 */
export const WARMUP_JOB_ITEMS = BULK_SESSIONS;
export let freshOwner: { url: string; tokens: TokenSource } | undefined;
cleanups.push({
  what: 'end the fresh sessions of the bulk test that are still alive',
  run: async () => {
    const owner = freshOwner;
    if (!owner || freshAlive.size === 0) return;
    log(`ending ${freshAlive.size} leftover fresh sessions directly…`);
    await forEachWithConcurrency([...freshAlive], 8, async (id) => {
      const status = await deleteSession(owner.url, REALM, await owner.tokens.get(), id);
      if ((status >= 200 && status < 300) || status === 404) freshAlive.delete(id);
    });
  },
});

export interface BulkRound {
  bulkConcurrency: number;
  sessionsPerSide: number;
  fresh: { logins: number; seconds: number; loginsPerSecond: number };
  /** The job request's size, and the BODY_LIMIT_BYTES the round's BFF ran with (raised when the BFF's default would refuse the request). */
  body: { requestBytes: number; bffDefaultLimitBytes: number; limitBytesUsed: number; raised: boolean };
  /** The BFF's list total right before the POST: its snapshot holds the fresh sessions, as when an operator picks them in the console. */
  snapshotTotalBeforeJob: number | null;
  job: Omit<BulkJobResult, 'endedIds'> | null;
  /** The job the same BFF ran just before `job` (WARMUP_JOB_ITEMS items, its first): its BFF CPU per item, cold. */
  warmupJob: { sessions: number; state: string; bffCpuMsPerItem: number | null } | null;
  audit: { bulkItemSucceeded: number; otherRecords: number; pages: number } | null;
  sequential: Omit<SequentialResult, 'endedIds'> | null;
  /** The same DELETEs sent straight to Keycloak with the job's concurrency: the physical ceiling. */
  directConcurrent: Omit<SequentialResult, 'endedIds'> | null;
  /** Throughput ratio, job ÷ sequential (higher is better for Session Desk). */
  bulkVsSequential: number | null;
  /** Throughput ratio, job ÷ the concurrent direct client (higher is better; 1 is the ceiling). */
  bulkVsDirect: number | null;
  /** The BFF's CPU ms per job item (its process alone, while the job ran), its code warmed by `warmupJob`. */
  bffCpuMsPerItem: number | null;
  /**
   * What the machine's cores allow: the CPU ms of every process (BFF, Keycloak, bench) per item on
   * each side, the cores each side kept busy (CPU ms ÷ wall ms), and `bulkVsDirectCpuBound`, direct
   * CPU per item ÷ job CPU per item. When both sides keep the machine's cores busy, throughput is
   * cores ÷ CPU per item, so the job ÷ direct ratio cannot pass that bound on this machine;
   * `atTargetBffCpu` is the bound had the BFF spent the target 0.5 ms per item.
   */
  cpuBound: { jobCpuMsPerItem: number; directCpuMsPerItem: number; jobCoresBusy: number; directCoresBusy: number; bulkVsDirectCpuBound: number; atTargetBffCpu: number } | null;
  /**
   * The least BFF CPU per item this run allows: the direct client's own CPU per DELETE (the same undici
   * request the BFF sends, at the same concurrency, in the bench's process) plus what the BFF's audit
   * trail alone costs per item here (`auditFloor`: its 'attempted' and 'succeeded' records). A job
   * must send each DELETE and write both records before it may call an item ended.
   */
  bffCpuFloor: {
    directClientMsPerItem: number;
    audit: AuditFloor;
    floorMsPerItem: number;
    bffAboveFloorMsPerItem: number | null;
    /**
     * The audit trail with each item's action answering after the direct client's time per DELETE at
     * this concurrency, as a job's items do: its records then arrive at Keycloak's pace, and fewer
     * share each commit than when all come at once. `floorAtKeycloakPaceMsPerItem` adds the direct client's part.
     */
    auditAtKeycloakPace: AuditFloor | null;
    floorAtKeycloakPaceMsPerItem: number | null;
  } | null;
  verify: { listing: string; jobLeft: number; warmupLeft: number; sequentialLeft: number; directLeft: number; auditedLeft: number; regularBefore: number; regularAfter: number } | null;
  /**
   * The least a job can be, measured: the same DELETEs to the same Keycloak with the job's concurrency,
   * each between its 'attempted' and 'succeeded' records of the BFF's own audit trail, in the bench's
   * process (`auditedLoop`): no policy, power check, job state, HTTP API or polls. Its CPU per item is
   * the floor the BFF's job is compared with (`bulkCpuAuditedLoopMsPerItem`).
   */
  auditedLoop: (AuditedLoop & { cpuMs: Record<string, number> | null }) | null;
  /** CPU ms used while each side ran (BFF, Keycloak's process tree, the bench itself): where the time goes. */
  cpuMs: { job: Record<string, number> | null; sequential: Record<string, number> | null; directConcurrent: Record<string, number> | null };
  /** How long each side waited for Keycloak to go idle before it started (ms). */
  settleMs: Record<string, number>;
  /** Admin API calls the BFF made while the job ran (its own counter): one DELETE per item, and nothing else, is the ideal. */
  jobAdminCalls: number | null;
  checks: { jobEndedAll: boolean; auditComplete: boolean; allGone: boolean; realmAsBefore: boolean };
}

/**
 * One round of item 3: 4 × BULK_SESSIONS + WARMUP_JOB_ITEMS fresh sessions, a fresh BFF with `concurrency`, its list
 * (snapshot built with the fresh sessions in it), a warm-up job ending WARMUP_JOB_ITEMS, one job ending the first
 * quarter (timed from the POST to the job's finishedAt), its audit trail, the BFF stopped, then the second quarter
 * ended with one Admin API DELETE after another, the third with the same DELETEs `concurrency` at once, the fourth
 * with those DELETEs each between the BFF's audit records (`auditedLoop`), then a full listing to check all are gone.
 */
export async function bulkRound(kc: RunningKeycloak, dataDir: string, direct: KeycloakDirect, concurrency: number): Promise<BulkRound> {
  const label = `bulk (BULK_CONCURRENCY ${concurrency})`;
  const regularOf = (stats: Awaited<ReturnType<KeycloakDirect['clientStats']>>) => stats.reduce((s, c) => s + c.active, 0);
  const regularBefore = regularOf(await direct.clientStats());
  freshOwner ??= { url: kc.url, tokens: direct.tokens };
  log(`${label}: ${4 * BULK_SESSIONS + WARMUP_JOB_ITEMS} fresh regular sessions (password grants, 8 at a time)…`);
  const fresh = await createFreshSessions(kc.url, 4 * BULK_SESSIONS + WARMUP_JOB_ITEMS, { log: (line) => log(`${label}:${line}`) });
  for (const session of fresh.sessions) freshAlive.add(session.id);
  const ids = fresh.sessions.map((s) => s.id);
  if (new Set(ids).size !== ids.length) throw new Error('Two fresh logins returned the same session id.');
  const jobIds = ids.slice(0, BULK_SESSIONS);
  const sequentialIds = ids.slice(BULK_SESSIONS, 2 * BULK_SESSIONS);
  const directIds = ids.slice(2 * BULK_SESSIONS, 3 * BULK_SESSIONS);
  const auditedIds = ids.slice(3 * BULK_SESSIONS, 4 * BULK_SESSIONS);
  const warmupIds = ids.slice(4 * BULK_SESSIONS);
  log(`${label}: ${ids.length} sessions in ${fresh.seconds} s (${fresh.loginsPerSecond}/s)`);

  // The BFF's default BODY_LIMIT_BYTES (apps/bff/src/env.ts) answers 413 to a list of 1,000 ids (~50 KB):
  // the round's BFF gets a limit that fits the request, and the JSON says so.
  const requestBytes = Buffer.byteLength(JSON.stringify({ reason: 'x'.repeat(80), sessions: jobIds.map((id) => ({ id, type: 'regular' })) }));
  const limitBytesUsed = requestBytes > BFF_DEFAULT_BODY_LIMIT ? Math.min(1_048_576, 2 ** Math.ceil(Math.log2(requestBytes * 1.1))) : BFF_DEFAULT_BODY_LIMIT;
  const body = { requestBytes, bffDefaultLimitBytes: BFF_DEFAULT_BODY_LIMIT, limitBytesUsed, raised: limitBytesUsed !== BFF_DEFAULT_BODY_LIMIT };
  if (body.raised) log(`${label}: the job request is ${requestBytes} bytes, over the BFF's default BODY_LIMIT_BYTES ${BFF_DEFAULT_BODY_LIMIT}: this BFF runs with ${limitBytesUsed}`);
  let snapshotTotal: number | undefined;
  let job: BulkJobResult | undefined;
  let warmupJob: BulkRound['warmupJob'] = null;
  let audit: BulkRound['audit'] | undefined;
  let jobCpu: Record<string, number> | undefined;
  let jobAdminCalls: number | undefined;
  // Each side starts once Keycloak is idle (settled), so none pays for the work before it.
  const settleMs: Record<string, number> = {};
  const server = await startBff(kc, dataDir, { BULK_CONCURRENCY: String(concurrency), BODY_LIMIT_BYTES: String(limitBytesUsed) });
  try {
    const admin = await signIn(server.url, OPERATOR.username, OPERATOR.password);
    snapshotTotal = asListResponse(await admin.get(listPath(FIRST_PAGE))).total;
    settleMs.warmupJob = await settled(kc.pid);
    const warmupMeter = cpuMeter({ bff: server.pid });
    const warmed = await attempt(`${label}: a first job of ${warmupIds.length} sessions, to warm the BFF`, () =>
      runBulkJob(admin, REALM, warmupIds, `bench: warm-up job of ${warmupIds.length} sessions`),
    );
    const warmupCpu = warmupMeter();
    for (const id of warmed?.endedIds ?? []) freshAlive.delete(id);
    if (warmed) {
      warmupJob = { sessions: warmupIds.length, state: warmed.state, bffCpuMsPerItem: warmupCpu['bff'] === undefined ? null : Math.round((warmupCpu['bff'] / warmupIds.length) * 100) / 100 };
      log(`${label}: warm-up job ${warmed.state}, BFF CPU ${fmt(warmupJob.bffCpuMsPerItem)} ms/item (cold)`);
    }
    settleMs.job = await settled(kc.pid);
    const callsBefore = await adminCalls(server);
    const meter = cpuMeter({ bff: server.pid, keycloak: kc.pid });
    job = await attempt(`${label}: one job ending ${BULK_SESSIONS} sessions`, () =>
      runBulkJob(admin, REALM, jobIds, `bench: bulk end of ${BULK_SESSIONS} sessions (BULK_CONCURRENCY ${concurrency})`),
    );
    jobCpu = meter();
    jobAdminCalls = (await adminCalls(server)) - callsBefore;
    for (const id of job?.endedIds ?? []) freshAlive.delete(id);
    if (job) {
      log(`${label}: job ${job.state} in ${fmt(job.wallMs)} ms (POST ${fmt(job.postMs)} ms, server ${fmt(job.serverMs)} ms), ${job.sessionsPerSecond}/s, outcomes ${JSON.stringify(job.outcomes)}, CPU ms ${JSON.stringify(jobCpu)}, ${jobAdminCalls} Admin API calls`);
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

  settleMs.sequential = await settled(kc.pid);
  const sequentialMeter = cpuMeter({ keycloak: kc.pid });
  const sequential = await attempt(`${label}: sequential Admin API DELETEs`, () => directDelete(kc.url, REALM, direct.tokens, sequentialIds));
  const sequentialCpu = sequential ? sequentialMeter() : null;
  for (const id of sequential?.endedIds ?? []) freshAlive.delete(id);
  if (sequential) log(`${label}: sequential ${fmt(sequential.ms)} ms, ${sequential.sessionsPerSecond}/s, statuses ${JSON.stringify(sequential.statuses)}, CPU ms ${JSON.stringify(sequentialCpu)}`);

  settleMs.directConcurrent = await settled(kc.pid);
  const directMeter = cpuMeter({ keycloak: kc.pid });
  const directConcurrent = await attempt(`${label}: Admin API DELETEs, ${concurrency} at once`, () => directDelete(kc.url, REALM, direct.tokens, directIds, concurrency));
  const directCpu = directConcurrent ? directMeter() : null;
  for (const id of directConcurrent?.endedIds ?? []) freshAlive.delete(id);
  if (directConcurrent) log(`${label}: direct ×${concurrency} ${fmt(directConcurrent.ms)} ms, ${directConcurrent.sessionsPerSecond}/s, statuses ${JSON.stringify(directConcurrent.statuses)}, CPU ms ${JSON.stringify(directCpu)}; waited for an idle Keycloak ${JSON.stringify(settleMs)} ms`);

  settleMs.auditedLoop = await settled(kc.pid);
  const auditedMeter = cpuMeter({ keycloak: kc.pid });
  const audited = await attempt(`${label}: an audited loop of the same DELETEs, ${concurrency} at once`, async () => {
    const token = await direct.tokens.get();
    return auditedLoop(BFF_ROOT, BULK_SESSIONS, concurrency, async (n) => {
      const id = auditedIds[n] as string;
      const status = await deleteSession(kc.url, REALM, token, id);
      if (status >= 200 && status < 300) freshAlive.delete(id);
      return status >= 200 && status < 300;
    });
  });
  const auditedCpu = audited ? auditedMeter() : null;
  if (audited) log(`${label}: audited loop ×${concurrency} ${fmt(audited.ms)} ms, ${audited.done} ended, ${fmt(audited.cpuMsPerItem)} ms of CPU per item (client and audit trail), CPU ms ${JSON.stringify(auditedCpu)}`);

  const auditCpu = await attempt(`${label}: the audit trail's own CPU per item`, () => auditFloor(BFF_ROOT, BULK_SESSIONS, concurrency));
  // The same, each item's action answering after the direct client's own time per DELETE at this concurrency.
  const keycloakPaceMs = directConcurrent ? Math.round(((directConcurrent.ms * concurrency) / BULK_SESSIONS) * 10) / 10 : undefined;
  const auditAtPace =
    keycloakPaceMs === undefined ? undefined : await attempt(`${label}: the audit trail's own CPU per item at Keycloak's pace`, () => auditFloor(BFF_ROOT, BULK_SESSIONS, concurrency, 300, keycloakPaceMs));
  const bffCpuFloor = directCpu?.['bench'] !== undefined && auditCpu ? floorOf(directCpu['bench'] / BULK_SESSIONS, auditCpu, auditAtPace, jobCpu?.['bff']) : null;
  if (bffCpuFloor) {
    log(`${label}: BFF CPU floor ${fmt(bffCpuFloor.floorMsPerItem)} ms/item (direct client ${fmt(bffCpuFloor.directClientMsPerItem)} + audit trail ${fmt(bffCpuFloor.audit.cpuMsPerItem)}); the job's BFF ${fmt(bffCpuFloor.bffAboveFloorMsPerItem)} above it`);
    log(`${label}: at Keycloak's pace (${fmt(keycloakPaceMs)} ms per DELETE): audit trail ${fmt(bffCpuFloor.auditAtKeycloakPace?.cpuMsPerItem)}, floor ${fmt(bffCpuFloor.floorAtKeycloakPaceMsPerItem)} ms/item`);
  }

  const verify = await attempt(`${label}: check in Keycloak that both halves are gone`, async () => {
    const listing = await direct.fullListing(BFF_BUILD_PARALLELISM);
    const left = (list: string[]) => list.filter((id) => listing.sessions.has(`regular:${id}`)).length;
    return {
      listing: `full (every client's user-sessions, ${listing.sessions.size} sessions)`,
      jobLeft: left(jobIds),
      warmupLeft: left(warmupIds),
      sequentialLeft: left(sequentialIds),
      directLeft: left(directIds),
      auditedLeft: left(auditedIds),
      regularBefore,
      regularAfter: regularOf(await direct.clientStats()),
    };
  });
  const checks = {
    jobEndedAll: job?.state === 'completed' && job.outcomes['ended'] === BULK_SESSIONS,
    auditComplete: audit?.bulkItemSucceeded === BULK_SESSIONS,
    allGone: verify?.jobLeft === 0 && verify.warmupLeft === 0 && verify.sequentialLeft === 0 && verify.directLeft === 0 && verify.auditedLeft === 0,
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
    warmupJob,
    audit: audit ?? null,
    sequential: withoutIds(sequential),
    directConcurrent: withoutIds(directConcurrent),
    bulkVsSequential: ratio(job?.sessionsPerSecond, sequential?.sessionsPerSecond),
    bulkVsDirect: ratio(job?.sessionsPerSecond, directConcurrent?.sessionsPerSecond),
    bffCpuMsPerItem: jobCpu?.['bff'] !== undefined ? Math.round((jobCpu['bff'] / BULK_SESSIONS) * 100) / 100 : null,
    cpuBound: cpuBoundOf(jobCpu, job?.wallMs, directCpu, directConcurrent?.ms),
    bffCpuFloor,
    auditedLoop: audited ? { ...audited, cpuMs: auditedCpu } : null,
    verify: verify ?? null,
    cpuMs: { job: jobCpu ?? null, sequential: sequentialCpu, directConcurrent: directCpu },
    settleMs,
    jobAdminCalls: jobAdminCalls ?? null,
    checks,
  };
}

const TARGET_BFF_CPU_MS_PER_ITEM = 0.5;

const sumOf = (cpu: Record<string, number>) => Object.values(cpu).reduce((sum, ms) => sum + ms, 0);

/** See `BulkRound.bffCpuFloor`. */
function floorOf(directClientMsPerItem: number, audit: AuditFloor, auditAtPace: AuditFloor | undefined, jobBffCpuMs: number | undefined): NonNullable<BulkRound['bffCpuFloor']> {
  const round = (value: number) => Math.round(value * 1000) / 1000;
  const floorMsPerItem = directClientMsPerItem + audit.cpuMsPerItem;
  return {
    directClientMsPerItem: round(directClientMsPerItem),
    audit,
    floorMsPerItem: round(floorMsPerItem),
    bffAboveFloorMsPerItem: jobBffCpuMs === undefined ? null : round(jobBffCpuMs / BULK_SESSIONS - floorMsPerItem),
    auditAtKeycloakPace: auditAtPace ?? null,
    floorAtKeycloakPaceMsPerItem: auditAtPace ? round(directClientMsPerItem + auditAtPace.cpuMsPerItem) : null,
  };
}

/** See `BulkRound.cpuBound`; null when a side did not run. */
function cpuBoundOf(
  jobCpu: Record<string, number> | undefined,
  jobWallMs: number | undefined,
  directCpu: Record<string, number> | null,
  directWallMs: number | undefined,
): BulkRound['cpuBound'] {
  if (!jobCpu || !directCpu || !jobWallMs || !directWallMs) return null;
  const round = (value: number) => Math.round(value * 1000) / 1000;
  const job = sumOf(jobCpu) / BULK_SESSIONS;
  const direct = sumOf(directCpu) / BULK_SESSIONS;
  const jobWithTargetBff = job - (jobCpu['bff'] ?? 0) / BULK_SESSIONS + TARGET_BFF_CPU_MS_PER_ITEM;
  return {
    jobCpuMsPerItem: round(job),
    directCpuMsPerItem: round(direct),
    jobCoresBusy: round(sumOf(jobCpu) / jobWallMs),
    directCoresBusy: round(sumOf(directCpu) / directWallMs),
    bulkVsDirectCpuBound: round(direct / job),
    atTargetBffCpu: round(direct / jobWithTargetBff),
  };
}
