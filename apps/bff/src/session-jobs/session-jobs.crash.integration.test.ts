import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import request, { type Agent } from 'supertest';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { demoRealm, masterAdminToken } from '@session-desk/keycloak-local';
import { sessionJobSchema, type AuditRecord, type SessionJob } from '@session-desk/contracts';
import { createAuditStore } from '../audit/create-audit-store.js';
import { createJobStore } from './create-job-store.js';
import { UNRECORDED_ERROR } from './job-reconcile.js';
import { signInThroughKeycloak } from '../testing/keycloak-browser.js';
import { findUserId, userSessionIds } from '../testing/keycloak-admin.js';
import { loginManySessions, reservedEndUser } from '../testing/end-user-sessions.js';
import { waitFor } from '@session-desk/test-support';

const realm = demoRealm.realm;
const admin = demoRealm.operators.find((o) => o.role === 'admin')!;
const server = fileURLToPath(new URL('../../dist/server.js', import.meta.url));
// 3102 is registered in the demo realm for the BFF's own process tests; the browser tests hold 3100.
const PORT = 3102;
const url = `http://localhost:${PORT}`;
const SESSIONS = 60;

/** The built BFF as its own process, as operators run it. */
class BffProcess {
  readonly output: string[] = [];
  #child: ChildProcess | undefined;

  constructor(readonly env: NodeJS.ProcessEnv) {}

  async start(): Promise<void> {
    // As npm start runs it (the young generation's size: bench/README.md, "Memory").
    const child = spawn(process.execPath, ['--max-semi-space-size=4', server], { env: this.env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.#child = child;
    const keep = (chunk: Buffer) => this.output.push(chunk.toString());
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    const exited = new Promise<never>((_, reject) =>
      child.once('exit', (code, signal) => reject(new Error(`the BFF exited (${code ?? signal}) before it listened:\n${this.output.join('')}`))),
    );
    await Promise.race([waitFor(async () => (await fetch(`${url}/healthz`)).ok, 15_000, 'the BFF to listen'), exited]);
  }

  /** SIGKILL runs no shutdown handler, as when the machine or the container dies; SIGTERM is an orderly stop. */
  async stop(signal: NodeJS.Signals): Promise<void> {
    const child = this.#child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill(signal);
    });
  }
}

async function signedIn(): Promise<Agent> {
  const browser = request.agent(url);
  await signInThroughKeycloak(browser, admin.username, admin.password);
  return browser;
}

async function readJob(browser: Agent, jobId: string): Promise<SessionJob> {
  const response = await browser.get(`/api/session-jobs/${jobId}`);
  if (response.status !== 200) throw new Error(`GET job answered ${response.status}: ${response.text}`);
  return sessionJobSchema.parse(response.body);
}

async function logoutEverywhere(userId: string): Promise<void> {
  const keycloak = inject('keycloakUrl');
  const token = await masterAdminToken(keycloak);
  await fetch(`${keycloak}/admin/realms/${realm}/users/${userId}/logout`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

describe('a bulk job whose BFF process stops midway', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'sd-bff-crash-'));
  const processes: BffProcess[] = [];
  const user = reservedEndUser(15);
  let userId = '';
  let env: NodeJS.ProcessEnv = {};

  beforeAll(async () => {
    if (!existsSync(server)) throw new Error(`${server} does not exist: build the BFF first (npm run build, or npx tsc -p apps/bff/tsconfig.build.json)`);
    userId = await findUserId(realm, user);
    env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'test',
      PORT: String(PORT),
      PUBLIC_URL: url,
      KEYCLOAK_URL: inject('keycloakUrl'),
      DATA_DIR: dataDir,
      BULK_CONCURRENCY: '1',
      SERVE_SPA: 'false',
      METRICS_PORT: '0',
      LOG_LEVEL: 'warn',
      SESSION_SECRET: 'a-session-secret-that-survives-the-restart',
      JOB_STALE_SECONDS: '1',
    };
  });

  afterAll(async () => {
    for (const bff of processes) await bff.stop('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
    if (userId) await logoutEverywhere(userId);
  });

  async function bff(): Promise<BffProcess> {
    // Otherwise the previous scenario's process would answer on the port.
    for (const running of processes) await running.stop('SIGTERM');
    if (!(await portIsFree(PORT))) throw new Error(`port ${PORT} is taken (a bench run or another BFF?); this test needs it for its own BFF process`);
    const started = new BffProcess(env);
    processes.push(started);
    await started.start();
    return started;
  }

  /** Starts a job on a fresh BFF, stops the process once 10 sessions are ended, restarts it, and reads the job. */
  async function stoppedMidway(signal: NodeJS.Signals) {
    const ids = await loginManySessions(user, SESSIONS);
    const first = await bff();
    const before = await signedIn();
    const started = await before
      .post(`/api/realms/${realm}/session-jobs`)
      .set('X-CSRF', '1')
      .send({ reason: `Incident 77: ${signal} drill`, sessions: ids.map((id) => ({ id, type: 'regular' })) });
    expect(started.status).toBe(202);
    const jobId = sessionJobSchema.parse(started.body).id;
    let progress = await readJob(before, jobId);
    while (progress.state === 'running' && progress.done < 10) progress = await readJob(before, jobId);
    await first.stop(signal);
    expect(progress, 'the job finished before the process could be stopped').toMatchObject({ state: 'running' });

    const second = await bff();
    // The operator session was in the stopped process's memory.
    const after = await signedIn();
    const firstRead = await readJob(after, jobId);
    // Until the stopped process's last checkpoint is older than JOB_STALE_SECONDS the job still reads as running.
    let job = firstRead;
    await waitFor(async () => (job = await readJob(after, jobId)).state !== 'running', 30_000, 'the job to read as no longer running');
    const records = await trailOf(jobId);
    return { jobId, progress, firstRead, job, records, after, second };
  }

  /** The audit records of the job's items, oldest first. */
  async function trailOf(jobId: string): Promise<AuditRecord[]> {
    const audit = createAuditStore({ dataDir });
    const records: AuditRecord[] = [];
    try {
      // The items' records (the job's own bulk.start record is beside them).
      for await (const record of audit.stream({ jobId })) if (record.action === 'bulk.item') records.push(record);
    } finally {
      await audit.close();
    }
    return records;
  }

  async function storedJob(jobId: string): Promise<SessionJob | undefined> {
    const jobs = createJobStore({ dataDir, staleMs: 1_000 });
    try {
      return (await jobs.get(jobId))?.job;
    } finally {
      await jobs.close();
    }
  }

  /** Every item is what the trail and Keycloak say: ended ones are gone, skipped ones alive, none ended twice. */
  async function expectAccountedFor(job: SessionJob, records: AuditRecord[]) {
    const succeeded = records.filter((record) => record.outcome === 'succeeded').map((record) => record.sessionId);
    expect(new Set(succeeded).size, 'a session was ended twice').toBe(succeeded.length);
    const ended = job.items.filter((item) => item.outcome === 'ended').map((item) => item.sessionId);
    const skipped = job.items.filter((item) => item.outcome === 'skipped').map((item) => item.sessionId);
    // Not ended: an attempt whose answer was never recorded is 'unknown' (Keycloak may have ended it).
    const failed = job.items.filter((item) => item.outcome === 'failed' || item.outcome === 'unknown');
    expect(job.done).toBe(succeeded.length);
    expect([...ended].sort()).toEqual([...succeeded].sort());
    expect(job).toMatchObject({ state: 'interrupted', total: SESSIONS, failed: failed.length, left: skipped.length });
    expect(ended.length + failed.length + skipped.length).toBe(SESSIONS);
    expect(skipped.length).toBeGreaterThan(0);
    const live = new Set(await userSessionIds(realm, userId));
    for (const id of ended) expect(live.has(id), `ended session ${id} is still alive`).toBe(false);
    for (const id of skipped) expect(live.has(id), `skipped session ${id} was ended`).toBe(true);
    return { failed };
  }

  it('killed (SIGKILL): shows as interrupted after a restart, rebuilt exactly from the audit trail, and is never resumed', async () => {
    const { jobId, progress, job, records, after, second } = await stoppedMidway('SIGKILL');
    expect(job.state).toBe('interrupted');
    expect(job.done).toBeGreaterThanOrEqual(progress.done);
    const { failed } = await expectAccountedFor(job, records);
    // Only the one item in flight at the kill (concurrency 1) can lack its outcome record.
    expect(failed.length).toBeLessThanOrEqual(1);
    for (const item of failed) expect(item).toMatchObject({ outcome: 'unknown', error: UNRECORDED_ERROR });
    expect(failed.map((item) => item.sessionId)).toEqual(records.filter((record) => record.outcome === 'unknown').map((record) => record.sessionId));

    const cancel = await after.post(`/api/session-jobs/${jobId}/cancel`).set('X-CSRF', '1');
    expect(sessionJobSchema.parse(cancel.body).state).toBe('interrupted');

    // Never resumed: the restarted process is stopped in order (its shutdown waits for every job it
    // runs to stop and be stored), so nothing can act on the job any more, and it left no trace.
    await second.stop('SIGTERM');
    expect(await trailOf(jobId)).toEqual(records);
    expect(await storedJob(jobId)).toEqual(job);
    await expectAccountedFor(job, records);
  }, 60_000);

  it('shut down (SIGTERM): the items in flight finish and the job is stored as interrupted with exact outcomes at once', async () => {
    const { firstRead, job, records } = await stoppedMidway('SIGTERM');
    expect(firstRead.state).toBe('interrupted');
    const { failed } = await expectAccountedFor(job, records);
    expect(failed).toEqual([]);
    expect(records.filter((record) => record.outcome === 'unknown')).toEqual([]);
  }, 60_000);
});
