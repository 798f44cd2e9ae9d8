import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAuditStore, sqliteAuditFile } from './create-audit-store.js';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The BFF's default data directory (apps/bff/.data), from src/audit or dist/audit alike. */
export const defaultDataDir = path.resolve(here, '..', '..', '.data');

export interface VerifyOutput {
  log(line: string): void;
  error(line: string): void;
}

/** Checks the trail the environment points at. Exit code: 0 intact, 1 broken, 2 could not be checked. */
export async function runVerifyCommand(env: Record<string, string | undefined>, out: VerifyOutput): Promise<number> {
  const databaseUrl = env.DATABASE_URL || undefined;
  const dataDir = path.resolve(env.DATA_DIR || defaultDataDir);
  if (!databaseUrl && !existsSync(sqliteAuditFile(dataDir))) {
    // Opening a missing file would create an empty trail and report it intact.
    out.error(`No audit trail found at ${sqliteAuditFile(dataDir)} (set DATA_DIR or DATABASE_URL).`);
    return 2;
  }
  const store = createAuditStore({ databaseUrl, dataDir });
  try {
    const result = await store.verify();
    if (result.firstBroken) {
      out.error(`BROKEN at seq ${result.firstBroken.seq}: ${result.firstBroken.problem}`);
      return 1;
    }
    out.log(`Audit trail OK: ${result.checked} records`);
    if (result.headHash) out.log(`Head hash: ${result.headHash}`);
    return 0;
  } catch (err) {
    const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : '';
    out.error(`The audit trail could not be checked (${store.kind})${cause}`);
    return 2;
  } finally {
    await store.close().catch(() => undefined);
  }
}
