import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, waitFor } from './free-port.ts';
import { findExecutable, requirePrerequisite, testRun } from './prerequisites.ts';

/** The redis-server on PATH, or `undefined`. */
export const redisServerPath = findExecutable('redis-server', testRun.path);

/**
 * Whether a suite that needs redis-server can run: `true` when it is installed; when not, `false`
 * (skip, with a warning) locally and a thrown Error naming the fix under CI=true.
 */
export function requireRedis(suite: string): boolean {
  return requirePrerequisite(redisServerPath !== undefined, { suite, missing: 'redis-server', install: 'apt-get install redis-server' }, testRun.ci);
}

const answers = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' }, () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString().startsWith('+PONG'));
    });
    socket.once('error', () => resolve(false));
  });

/** A redis-server of this test's own on a free port, with an append-only file so a restart keeps sessions. */
export class PrivateRedis {
  readonly dir = mkdtempSync(path.join(tmpdir(), 'sd-redis-'));
  port = 0;
  #process: ChildProcess | undefined;

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.port ||= await freePort();
    if (!redisServerPath) throw new Error('redis-server not found');
    this.#process = spawn(
      redisServerPath,
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'yes', '--appendfsync', 'always', '--dir', this.dir],
      { stdio: 'ignore' },
    );
    await waitFor(() => answers(this.port), 10_000, 'the private redis-server');
  }

  async stop(): Promise<void> {
    const child = this.#process;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  }

  async destroy(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
