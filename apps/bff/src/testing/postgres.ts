import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, describe } from 'vitest';

export const postgresAdminUrl = process.env.SD_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: postgresAdminUrl, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Required when SD_TEST_DATABASE_URL names a server (CI); skipped loudly where no PostgreSQL runs. */
export const runPostgresTests = process.env.SD_TEST_DATABASE_URL !== undefined || (await postgresReachable());

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: postgresAdminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A fresh database for one test file; `drop()` removes it. */
export async function createTestDatabase(prefix: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await admin((client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(postgresAdminUrl);
  url.pathname = `/${name}`;
  return { url: url.href, drop: () => admin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined) };
}

/** Where a store keeps its data: a data dir (SQLite), or a PostgreSQL database (the data dir unused). */
export interface StorePlace {
  dataDir: string;
  databaseUrl?: string;
}

/**
 * Declares `suite` once per kind of store: on SQLite, and (inside "with PostgreSQL", skipped with a
 * warning where no PostgreSQL is reachable) on PostgreSQL. Each call of `place()` makes a fresh
 * place (`sd-<tag>-…` temporary dir, `sd_<tag>_…` database), removed after the file.
 */
export function forEachStoreKind(tag: string, storeName: string, suite: (kind: 'sqlite' | 'postgres', place: () => Promise<StorePlace>) => void): void {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });
  suite('sqlite', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), `sd-${tag}-`));
    dirs.push(dir);
    return { dataDir: dir };
  });

  if (!runPostgresTests) console.warn(`[${tag}] no PostgreSQL reachable: skipping the PostgreSQL ${storeName} tests`);

  describe.skipIf(!runPostgresTests)('with PostgreSQL', () => {
    const drops: Array<() => Promise<void>> = [];
    afterAll(async () => {
      for (const drop of drops) await drop();
    });
    suite('postgres', async () => {
      const database = await createTestDatabase(`sd_${tag}`);
      drops.push(database.drop);
      return { databaseUrl: database.url, dataDir: '/nonexistent' };
    });
  });
}

/** Tracks the stores a test opens and closes them after each test; `opened(store)` returns the store. */
export function closedAfterEach<T extends { close(): Promise<void> }>(): (store: T) => T {
  const open: T[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((store) => store.close()));
  });
  return (store) => {
    open.push(store);
    return store;
  };
}
