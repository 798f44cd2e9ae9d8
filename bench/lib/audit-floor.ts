import { randomUUID } from 'node:crypto';
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
}

/**
 * What the audit trail alone costs per bulk item on this machine, in the bench's own process: the BFF's
 * `AuditTrail` over its `SqliteAuditStore` (the build under `bffRoot`, `apps/bff/dist/audit`, the same code
 * a job runs), one `run` per item with the intent a job's item has, `concurrency` items at once, and an
 * action that does nothing, so each item writes its 'attempted' and its 'succeeded' record as a job's
 * item does (group commits included). Measured after `warmup` items, with `process.cpuUsage`.
 */
export async function auditFloor(bffRoot: string, items: number, concurrency: number, warmup = 300): Promise<AuditFloor> {
  const dist = (file: string) => pathToFileURL(path.join(bffRoot, 'apps/bff/dist/audit', file)).href;
  const { AuditTrail } = (await import(dist('audit-trail.js'))) as Pick<AuditModules, 'AuditTrail'>;
  const { SqliteAuditStore } = (await import(dist('sqlite-audit-store.js'))) as Pick<AuditModules, 'SqliteAuditStore'>;
  const dir = mkdtempSync(path.join(tmpdir(), 'sd-bench-audit-floor-'));
  const store = new SqliteAuditStore({ file: path.join(dir, 'audit.sqlite') });
  try {
    await store.init();
    const trail = new AuditTrail(store);
    const actor = { operator: { id: randomUUID(), username: 'desk-admin', role: 'admin' as const }, requestId: randomUUID(), ip: '127.0.0.1' };
    const jobId = randomUUID();
    const runItems = (count: number) =>
      forEachWithConcurrency(Array.from({ length: count }, (_, i) => i), concurrency, async (n) => {
        const intent = {
          realm: 'large',
          action: 'bulk.item' as const,
          targetUser: { id: randomUUID(), username: `large-user-${String(n).padStart(5, '0')}` },
          sessionId: randomUUID(),
          reason: `bench: bulk end of ${items} sessions (BULK_CONCURRENCY ${concurrency})`,
          jobId,
          details: { type: 'regular', ipAddress: '127.0.0.1' },
        };
        await trail.run(actor, intent, async () => true);
      });
    await runItems(warmup);
    const before = process.cpuUsage();
    await runItems(items);
    const used = process.cpuUsage(before);
    return { items, concurrency, cpuMsPerItem: Math.round(((used.user + used.system) / 1000 / items) * 1000) / 1000, recordsPerItem: 2 };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
