import { setTimeout as sleep } from 'node:timers/promises';
import { Agent, request } from 'undici';
import type { Json } from './http.ts';
import { isJson, jsonArray } from './http.ts';
import type { TokenSource } from './keycloak-direct.ts';
import type { Operator } from './operator.ts';

const round1 = (v: number) => Math.round(v * 10) / 10;

export interface BulkJobResult {
  jobId: string;
  sessions: number;
  /** POST answered (202): targets resolved against the snapshot and the job stored. */
  postMs: number;
  /**
   * POST sent → the job's own `finishedAt` (the figure): the BFF and the bench share this machine's
   * clock, so the end is exact rather than rounded up to the next poll. A poll's view when the job
   * has no `finishedAt`.
   */
  wallMs: number;
  /** POST sent → a poll saw the state leave 'running'. */
  seenMs: number;
  /** The job's own createdAt → finishedAt (server clock; excludes the POST's resolve step). */
  serverMs: number | null;
  pollEveryMs: number;
  polls: number;
  state: string;
  total: number;
  outcomes: Record<string, number>;
  sessionsPerSecond: number;
  /** Item outcomes per session id, from the final job view. */
  endedIds: string[];
}

/**
 * How often the console asks for a running job's progress (JOB_POLL_INTERVAL_MS in
 * apps/web/src/features/sessions/api/get-session-job.ts; bulk-end.test.ts checks they agree).
 */
export const CONSOLE_JOB_POLL_MS = 500;

/**
 * POSTs one job ending `sessions` (regular), then polls GET /api/session-jobs/:id until it stops,
 * every `pollEveryMs` (the console's own interval by default: the BFF's CPU while the job runs is
 * then what an operator watching it costs; until 3 December 2026 the bench polled every 50 ms).
 */
export async function runBulkJob(operator: Operator, realm: string, sessions: readonly string[], reason: string, pollEveryMs = CONSOLE_JOB_POLL_MS): Promise<BulkJobResult> {
  const startedAt = Date.now();
  const started = performance.now();
  const created = await operator.send('POST', `/api/realms/${encodeURIComponent(realm)}/session-jobs`, {
    reason,
    sessions: sessions.map((id) => ({ id, type: 'regular' })),
  });
  const postMs = performance.now() - started;
  if (!isJson(created) || typeof created['id'] !== 'string') throw new Error(`unexpected job answer: ${JSON.stringify(created).slice(0, 300)}`);
  const jobId = created['id'];
  let job: Json = created;
  let polls = 0;
  while (job['state'] === 'running') {
    await sleep(pollEveryMs);
    const polled = await operator.send('GET', `/api/session-jobs/${encodeURIComponent(jobId)}`);
    polls++;
    if (!isJson(polled)) throw new Error('unexpected job poll answer');
    job = polled;
  }
  const seenMs = performance.now() - started;
  const items = jsonArray(job['items']);
  const outcomes: Record<string, number> = {};
  for (const item of items) outcomes[String(item['outcome'])] = (outcomes[String(item['outcome'])] ?? 0) + 1;
  const createdAt = Date.parse(String(job['createdAt']));
  const finishedAt = Date.parse(String(job['finishedAt']));
  const wallMs = jobWallMs(startedAt, finishedAt, seenMs);
  return {
    jobId,
    sessions: sessions.length,
    postMs: round1(postMs),
    wallMs: round1(wallMs),
    seenMs: round1(seenMs),
    serverMs: Number.isFinite(createdAt) && Number.isFinite(finishedAt) ? finishedAt - createdAt : null,
    pollEveryMs,
    polls,
    state: String(job['state']),
    total: Number(job['total']),
    outcomes,
    sessionsPerSecond: round1(sessions.length / (wallMs / 1000)),
    endedIds: items.filter((i) => i['outcome'] === 'ended').map((i) => String(i['sessionId'])),
  };
}

/**
 * A job's wall time in ms: from the POST (`startedAt`, epoch ms) to the job's `finishedAt` (epoch ms,
 * the BFF's clock, which on this machine is the bench's), or `seenMs` (when a poll saw it stopped)
 * when `finishedAt` is missing or earlier than the POST.
 */
export function jobWallMs(startedAt: number, finishedAt: number, seenMs: number): number {
  return Number.isFinite(finishedAt) && finishedAt >= startedAt ? Math.min(finishedAt - startedAt, seenMs) : seenMs;
}

export interface SequentialResult {
  sessions: number;
  ms: number;
  sessionsPerSecond: number;
  statuses: Record<string, number>;
  endedIds: string[];
}

/** Keep-alive connections of the direct client, sent as the BFF sends its deletes (undici's `request`, not fetch). */
const directDeletes = new Agent();

/**
 * What a python-keycloak script or the mcp-keycloak tool does: `DELETE
 * /admin/realms/{realm}/sessions/{id}?isOffline=false` with an admin token, one after the other
 * (`concurrency` 1) or `concurrency` at once (the best direct client: the physical ceiling), with
 * the cheapest HTTP client Node has (undici's `request`, as the BFF's adminDelete).
 */
export async function directDelete(url: string, realm: string, tokens: TokenSource, sessions: readonly string[], concurrency = 1): Promise<SequentialResult> {
  const statuses: Record<string, number> = {};
  const endedIds: string[] = [];
  await tokens.get();
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < sessions.length) {
      const id = sessions[next++] as string;
      const status = await deleteSession(url, realm, await tokens.get(), id);
      statuses[String(status)] = (statuses[String(status)] ?? 0) + 1;
      if (status >= 200 && status < 300) endedIds.push(id);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  const ms = performance.now() - started;
  return { sessions: sessions.length, ms: round1(ms), sessionsPerSecond: round1(sessions.length / (ms / 1000)), statuses, endedIds };
}

/** One `DELETE /admin/realms/{realm}/sessions/{id}?isOffline=false` as the BFF sends it (undici's request, no body, kept-alive connections); answers the HTTP status. */
export async function deleteSession(url: string, realm: string, token: string, id: string): Promise<number> {
  const response = await request(`${url}/admin/realms/${encodeURIComponent(realm)}/sessions/${encodeURIComponent(id)}?isOffline=false`, {
    method: 'DELETE',
    headers: { authorization: `Bearer ${token}` },
    dispatcher: directDeletes,
  });
  await response.body.dump();
  return response.statusCode;
}

/** Every record of GET /api/audit matching `query`, newest first, following nextCursor with pages of 500. */
export async function auditRecords(operator: Operator, query: Record<string, string>): Promise<{ records: Json[]; pages: number }> {
  const records: Json[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const params = new URLSearchParams({ ...query, limit: '500', ...(cursor ? { cursor } : {}) });
    const page = await operator.send('GET', `/api/audit?${params}`);
    pages++;
    if (!isJson(page)) throw new Error('unexpected audit answer');
    records.push(...jsonArray(page['items']));
    cursor = typeof page['nextCursor'] === 'string' ? page['nextCursor'] : null;
  } while (cursor);
  return { records, pages };
}
