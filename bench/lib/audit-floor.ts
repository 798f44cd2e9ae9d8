import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { forEachWithConcurrency } from '@session-desk/keycloak-local';

// The parts of the BFF's audit modules (apps/bff/src/audit) the floor drives, declared here: the bench is
// type-checked before the BFF is built, and imports the build only when it runs.
interface AuditStoreLike {
  init(): Promise<void>;
  close(): Promise<void>;
}
interface AuditTrailLike {
  run(actor: unknown, intent: unknown, action: () => Promise<unknown>): Promise<unknown>;
}
interface AuditModules {
  AuditTrail: new (store: AuditStoreLike) => AuditTrailLike;
  SqliteAuditStore: new (options: { file: string }) => AuditStoreLike;
}

export interface AuditFloor {
  items: number;
  concurrency: number;
  /** CPU (user + system) of the bench's own process per item while the records were written, ms. */
  cpuMsPerItem: number;
  /** Records written per item: 2 ('attempted', then 'succeeded'). */
  recordsPerItem: number;
  /** How long each item's action took (ms; 0: at once), standing for Keycloak's answer. */
  actionMs: number;
}

/**
 * Runs `use` with the BFF's `AuditTrail` (its build under `bffRoot`, `apps/bff/dist/audit`, the same code a
 * job runs) over a fresh `SqliteAuditStore` in a temporary directory, and `itemRun(n, action)`: item n's
 * audited run with the intent a job's item has (one operator and job for all), `action` between its
 * 'attempted' and 'succeeded' records. The store is closed and its directory removed afterwards.
 */
async function withAuditTrail<T>(
  bffRoot: string,
  reason: string,
  use: (itemRun: (n: number, action: () => Promise<unknown>) => Promise<unknown>) => Promise<T>,
): Promise<T> {
  const dist = (file: string) => pathToFileURL(path.join(bffRoot, 'apps/bff/dist/audit', file)).href;
  const { AuditTrail } = (await import(dist('audit-trail.js'))) as Pick<AuditModules, 'AuditTrail'>;
  const { SqliteAuditStore } = (await import(dist('sqlite-audit-store.js'))) as Pick<AuditModules, 'SqliteAuditStore'>;
  const dir = mkdtempSync(path.join(tmpdir(), 'sd-bench-audit-'));
  const store = new SqliteAuditStore({ file: path.join(dir, 'audit.sqlite') });
  try {
    await store.init();
    const trail = new AuditTrail(store);
    const actor = { operator: { id: randomUUID(), username: 'desk-admin', role: 'admin' as const }, requestId: randomUUID(), ip: '127.0.0.1' };
    const jobId = randomUUID();
    return await use((n, action) =>
      trail.run(
        actor,
        {
          realm: 'large',
          action: 'bulk.item' as const,
          targetUser: { id: randomUUID(), username: `large-user-${String(n).padStart(5, '0')}` },
          sessionId: randomUUID(),
          reason,
          jobId,
          details: { type: 'regular', ipAddress: '127.0.0.1' },
        },
        action,
      ),
    );
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * What the audit trail alone costs per bulk item on this machine, in the bench's own process: the BFF's
 * `AuditTrail` over its `SqliteAuditStore` (the build under `bffRoot`, `apps/bff/dist/audit`, the same code
 * a job runs), one `run` per item with the intent a job's item has, `concurrency` items at once, and an
 * action that does nothing but answer after `actionMs` (0: at once), so each item writes its 'attempted'
 * and its 'succeeded' record as a job's item does (group commits included). Measured after `warmup`
 * items, with `process.cpuUsage`; with `actionMs` > 0, less the CPU of the same loop of timers without
 * the trail. Records that arrive together share a commit, whose cost is mostly per transaction, so
 * the pace matters: at once (batches of about eight) is the least; at Keycloak's pace, fewer share one.
 */
export async function auditFloor(bffRoot: string, items: number, concurrency: number, warmup = 300, actionMs = 0): Promise<AuditFloor> {
  const action = actionMs > 0 ? () => sleep(actionMs).then(() => true) : async () => true;
  const cpuMsOf = async (run: () => Promise<unknown>) => {
    const before = process.cpuUsage();
    await run();
    const used = process.cpuUsage(before);
    return (used.user + used.system) / 1000;
  };
  return withAuditTrail(bffRoot, `bench: bulk end of ${items} sessions (BULK_CONCURRENCY ${concurrency})`, async (itemRun) => {
    const runItems = (count: number) => forEachWithConcurrency(Array.from({ length: count }, (_, i) => i), concurrency, async (n) => void (await itemRun(n, action)));
    await runItems(warmup);
    const withTrail = await cpuMsOf(() => runItems(items));
    const timersAlone = actionMs > 0 ? await cpuMsOf(() => forEachWithConcurrency(Array.from({ length: items }, (_, i) => i), concurrency, async () => void (await action()))) : 0;
    return { items, concurrency, cpuMsPerItem: Math.round((Math.max(0, withTrail - timersAlone) / items) * 1000) / 1000, recordsPerItem: 2, actionMs };
  });
}

export interface AuditedLoop {
  items: number;
  concurrency: number;
  ms: number;
  /** CPU (user + system) of the bench's own process per item, ms: the audit trail and the client together. */
  cpuMsPerItem: number;
  /** Items whose action answered true. */
  done: number;
}

/**
 * The least a job can be: for each of `items`, the BFF's `AuditTrail` (its build under `bffRoot`, over a
 * fresh `SqliteAuditStore`) runs `act(n)` between the item's 'attempted' and 'succeeded' records, as a
 * job's item runs its DELETE, `concurrency` at once, in the bench's own process; no policy, power check,
 * job state, HTTP API or polls. With `act` the same undici DELETE the BFF sends to the same Keycloak,
 * its CPU per item is what an audited bulk delete costs on this machine under the same load.
 */
export async function auditedLoop(bffRoot: string, items: number, concurrency: number, act: (n: number) => Promise<boolean>): Promise<AuditedLoop> {
  return withAuditTrail(bffRoot, `bench: audited loop of ${items} sessions (concurrency ${concurrency})`, async (itemRun) => {
    let done = 0;
    const started = performance.now();
    const before = process.cpuUsage();
    await forEachWithConcurrency(Array.from({ length: items }, (_, i) => i), concurrency, async (n) => {
      if ((await itemRun(n, () => act(n))) === true) done += 1;
    });
    const used = process.cpuUsage(before);
    return { items, concurrency, ms: Math.round((performance.now() - started) * 10) / 10, cpuMsPerItem: Math.round(((used.user + used.system) / 1000 / items) * 1000) / 1000, done };
  });
}
