import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { SqliteAuditStore } from './sqlite-audit-store.js';

/** What the store's own connection uses, read back through a second connection's view of the file's mode. */
async function levelOf(synchronous?: 'FULL' | 'NORMAL'): Promise<{ journal: unknown; store: SqliteAuditStore }> {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'sd-audit-sync-')), 'audit.sqlite');
  const store = new SqliteAuditStore({ file, ...(synchronous ? { synchronous } : {}) });
  await store.init();
  const probe = new DatabaseSync(file);
  const journal = (probe.prepare('PRAGMA journal_mode').get() as { journal_mode: string }).journal_mode;
  probe.close();
  return { journal, store };
}

describe('SQLite audit durability setting', () => {
  it('keeps the trail in WAL mode whichever level is chosen', async () => {
    for (const level of [undefined, 'FULL', 'NORMAL'] as const) {
      const { journal, store } = await levelOf(level);
      expect(journal).toBe('wal');
      await store.close();
    }
  });

  it('runs the store\'s own connection at the level chosen, NORMAL by default (read back from SQLite)', async () => {
    const expected = { default: 'NORMAL', FULL: 'FULL', NORMAL: 'NORMAL' } as const;
    for (const level of [undefined, 'FULL', 'NORMAL'] as const) {
      const { store } = await levelOf(level);
      expect(store.durability()).toEqual({ journalMode: 'wal', synchronous: expected[level ?? 'default'] });
      await store.close();
    }
  });

  it('refuses an unknown level at configuration time', async () => {
    const { parseEnv } = await import('../env.js');
    expect(() => parseEnv({ AUDIT_SQLITE_SYNCHRONOUS: 'OFF' })).toThrow(/AUDIT_SQLITE_SYNCHRONOUS/);
    expect(parseEnv({}).AUDIT_SQLITE_SYNCHRONOUS).toBe('NORMAL');
  });
});
