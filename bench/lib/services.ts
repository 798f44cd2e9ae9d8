import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { freePort } from '@session-desk/test-support';

export { freePort };

/** A port nobody listens on right now (127.0.0.1). */
export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

async function waitUntil(what: string, timeoutMs: number, check: () => Promise<boolean>): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    try {
      if (await check()) return;
    } catch {
      // not yet
    }
    if (performance.now() > deadline) throw new Error(`${what} did not come up within ${timeoutMs / 1000} s.`);
    await sleep(100);
  }
}

function stopChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM', group = false): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || !child.pid) return Promise.resolve();
  const pid = child.pid;
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      try {
        if (group) process.kill(-pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        // already gone
      }
    }, 8_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    try {
      if (group) process.kill(-pid, signal);
      else child.kill(signal);
    } catch {
      clearTimeout(timer);
      resolve();
    }
  });
}

export interface Service {
  url: string;
  label: string;
  stop(): Promise<void>;
}

/** A private redis-server on a free loopback port, without persistence. */
export async function startRedis(): Promise<Service> {
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4_000)));
  child.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4_000)));
  const spawnError = new Promise<never>((_, reject) => child.once('error', reject));
  const ping = () =>
    new Promise<boolean>((resolve) => {
      const socket = createConnection({ host: '127.0.0.1', port }, () => socket.write('PING\r\n'));
      socket.setTimeout(1_000, () => socket.destroy());
      socket.once('data', (data) => {
        socket.destroy();
        resolve(data.toString().startsWith('+PONG'));
      });
      socket.once('error', () => resolve(false));
      socket.once('close', () => resolve(false));
    });
  try {
    await Promise.race([
      spawnError,
      waitUntil('redis-server', 10_000, async () => {
        if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}: ${output}`);
        return ping();
      }),
    ]);
  } catch (error) {
    await stopChild(child);
    throw error;
  }
  return { url: `redis://127.0.0.1:${port}`, label: `redis-server pid ${child.pid} on 127.0.0.1:${port}`, stop: () => stopChild(child) };
}

export const MACHINE_POSTGRES = 'postgres://postgres@127.0.0.1:5432';

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * A fresh database for one run: `<prefix>_<random>` (`sd_soak_…` by default) on the machine's PostgreSQL (dropped by stop()),
 * or, when that server is not reachable, a private server (initdb in a temporary folder, run as the
 * postgres user when we are root, removed by stop()).
 */
export async function createDatabase(log: (line: string) => void, prefix = 'sd_soak'): Promise<Service> {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  if (await canConnect(`${MACHINE_POSTGRES}/postgres`)) {
    await adminQuery(`${MACHINE_POSTGRES}/postgres`, `CREATE DATABASE ${name}`);
    return {
      url: `${MACHINE_POSTGRES}/${name}`,
      label: `database ${name} on ${MACHINE_POSTGRES}`,
      stop: () => adminQuery(`${MACHINE_POSTGRES}/postgres`, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
    };
  }
  log(`${MACHINE_POSTGRES} is not reachable; starting a private PostgreSQL (initdb)…`);
  return privatePostgres(name);
}

async function privatePostgres(name: string): Promise<Service> {
  const asRoot = process.getuid?.() === 0;
  const uid = asRoot ? Number(spawnSync('id', ['-u', 'postgres']).stdout.toString().trim()) : Number.NaN;
  if (asRoot && !Number.isInteger(uid)) throw new Error('Running as root, and there is no postgres user to run a private PostgreSQL as.');
  const command = (binary: string, args: string[]): [string, string[]] => (asRoot ? ['runuser', ['-u', 'postgres', '--', binary, ...args]] : [binary, args]);
  const dir = mkdtempSync(path.join(tmpdir(), 'sd-soak-pg-'));
  if (asRoot) {
    chownSync(dir, uid, uid);
    chmodSync(dir, 0o700);
  }
  const [initdb, initArgs] = command('initdb', ['-D', path.join(dir, 'data'), '-A', 'trust', '-U', 'postgres', '--no-sync']);
  const init = spawnSync(initdb, initArgs, { encoding: 'utf8' });
  if (init.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`initdb failed: ${init.stderr || init.error?.message}`);
  }
  const port = await freePort();
  const [binary, args] = command('postgres', ['-D', path.join(dir, 'data'), '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off']);
  // Its own process group, so a stop reaches postgres itself and not only runuser.
  const child = spawn(binary, args, { stdio: 'ignore', detached: true });
  const stop = async () => {
    await stopChild(child, 'SIGINT', true);
    rmSync(dir, { recursive: true, force: true });
  };
  const base = `postgres://postgres@127.0.0.1:${port}`;
  try {
    await waitUntil('the private PostgreSQL', 20_000, () => canConnect(`${base}/postgres`));
    await adminQuery(`${base}/postgres`, `CREATE DATABASE ${name}`);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: `${base}/${name}`, label: `private PostgreSQL pid ${child.pid} on 127.0.0.1:${port} (${dir}), database ${name}`, stop };
}
