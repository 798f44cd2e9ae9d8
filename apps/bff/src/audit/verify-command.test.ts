import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sqliteAuditFile } from './create-audit-store.js';
import { SqliteAuditStore } from './sqlite-audit-store.js';
import { runVerifyCommand } from './verify-command.js';

let dataDir = '';
let lines: string[] = [];
const out = { log: (line: string) => lines.push(line), error: (line: string) => lines.push(line) };

beforeEach(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'sd-audit-cli-'));
  lines = [];
  const store = new SqliteAuditStore({ file: sqliteAuditFile(dataDir) });
  await store.init();
  for (let i = 0; i < 5; i += 1) {
    await store.append({
      operator: { id: 'op-1', username: 'alice', role: 'admin' },
      realm: 'demo',
      action: 'realm.revoke-tokens',
      outcome: 'refused',
      requestId: `req-${i}`,
      ip: '127.0.0.1',
      reason: 'drill',
    });
  }
  await store.close();
});

afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

describe('audit:verify', () => {
  it('reports an intact trail and exits 0', async () => {
    expect(await runVerifyCommand({ DATA_DIR: dataDir }, out)).toBe(0);
    expect(lines[0]).toBe('Audit trail OK: 5 records');
    expect(lines[1]).toMatch(/^Head hash: [0-9a-f]{64}$/);
  });

  it('reports the first broken record and exits 1', async () => {
    const db = new DatabaseSync(sqliteAuditFile(dataDir));
    db.exec(`DROP TRIGGER audit_records_no_update; UPDATE audit_records SET reason = 'forged' WHERE seq = 4`);
    db.close();
    expect(await runVerifyCommand({ DATA_DIR: dataDir }, out)).toBe(1);
    expect(lines).toEqual(['BROKEN at seq 4: content hash mismatch: the record was changed after it was written']);
  });

  it('does not mistake a missing trail for an intact one', async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'sd-audit-cli-empty-'));
    try {
      expect(await runVerifyCommand({ DATA_DIR: empty }, out)).toBe(2);
      expect(lines[0]).toMatch(/^No audit trail found at /);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('exits 2 when the database cannot be reached', async () => {
    expect(await runVerifyCommand({ DATABASE_URL: 'postgres://postgres@127.0.0.1:1/nothing' }, out)).toBe(2);
    expect(lines[0]).toMatch(/^The audit trail could not be checked \(postgres\)/);
  });
});
