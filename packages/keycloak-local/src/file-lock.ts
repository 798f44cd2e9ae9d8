import { openSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { isProcessAlive } from './processes.ts';

export interface LockOptions {
  timeoutMs: number;
  /** Called once when another live process holds the lock. */
  onWait?: (holderPid: number) => void;
}

const POLL_MS = 250;

function tryAcquire(lockFile: string): boolean {
  try {
    const fd = openSync(lockFile, 'wx');
    writeSync(fd, String(process.pid));
    closeSync(fd);
    return true;
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'EEXIST') return false;
    throw error;
  }
}

function holderPid(lockFile: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(lockFile, 'utf8'), 10);
    return Number.isInteger(pid) ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Serialises work across processes (e.g. parallel test workers all ensuring the same instance). */
export async function withFileLock<T>(lockFile: string, work: () => Promise<T>, options: LockOptions): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  let announced = false;
  let unreadableSince: number | undefined;
  while (!tryAcquire(lockFile)) {
    const holder = holderPid(lockFile);
    if (holder === undefined) {
      // The holder may be between creating the file and writing its pid; only a lasting blank is abandoned.
      unreadableSince ??= Date.now();
      if (Date.now() - unreadableSince > 2000) rmSync(lockFile, { force: true });
      await sleep(POLL_MS);
      continue;
    }
    unreadableSince = undefined;
    if (!isProcessAlive(holder)) {
      // Re-check right before removing so a lock just taken by a live waiter survives.
      if (holderPid(lockFile) === holder) rmSync(lockFile, { force: true });
      continue;
    }
    if (!announced) {
      options.onWait?.(holder);
      announced = true;
    }
    if (Date.now() > deadline) {
      throw new Error(`Gave up waiting for ${lockFile}: process ${holder} has held it for over ${Math.round(options.timeoutMs / 1000)} s.`);
    }
    await sleep(POLL_MS);
  }
  try {
    return await work();
  } finally {
    rmSync(lockFile, { force: true });
  }
}
