import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { withFileLock } from './file-lock.ts';

describe('withFileLock', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kc-lock-'));

  it('serialises holders and removes the lock afterwards', async () => {
    const lock = path.join(dir, 'a.lock');
    const events: string[] = [];
    const holder = (name: string) =>
      withFileLock(
        lock,
        async () => {
          events.push(`${name}:in`);
          await sleep(20);
          events.push(`${name}:out`);
        },
        { timeoutMs: 5000 },
      );
    await Promise.all([holder('one'), holder('two')]);
    expect(events).toEqual(['one:in', 'one:out', 'two:in', 'two:out']);
    expect(existsSync(lock)).toBe(false);
  });

  it('takes over a lock whose holder is dead', async () => {
    const lock = path.join(dir, 'b.lock');
    writeFileSync(lock, '2147483646');
    await expect(withFileLock(lock, async () => 'ok', { timeoutMs: 1000 })).resolves.toBe('ok');
  });

  it('gives up after the timeout while a live process holds it', async () => {
    const lock = path.join(dir, 'c.lock');
    writeFileSync(lock, String(process.ppid));
    await expect(withFileLock(lock, async () => 'never', { timeoutMs: 300 })).rejects.toThrow(/Gave up waiting/);
  });
});
