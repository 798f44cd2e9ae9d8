import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort, waitFor } from './free-port.ts';
import { findPostgresBinaries, requirePrerequisite, testRun } from './prerequisites.ts';

const asRoot = process.getuid?.() === 0;
const postgresId = asRoot ? spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }) : undefined;
const postgresUid = postgresId?.status === 0 ? Number(postgresId.stdout.trim()) : NaN;

/** PostgreSQL refuses to run as root: run its binaries as the `postgres` user then. */
function command(binary: string, args: string[]): [string, string[]] {
  return asRoot ? ['runuser', ['-u', 'postgres', '--', binary, ...args]] : [binary, args];
}

/** `initdb` and `postgres` from PATH or Debian's `/usr/lib/postgresql/<v>/bin`, or `undefined`. */
export const postgresBinaries = findPostgresBinaries(testRun.path);

/**
 * Whether a suite that needs its own PostgreSQL server can run: `true` when the binaries are found
 * (and, as root, a `postgres` user exists); when not, `false` (skip, with a warning) locally and a
 * thrown Error naming the fix under CI=true.
 */
export function requirePostgresBinaries(suite: string): boolean {
  const install = 'apt-get install postgresql';
  return (
    requirePrerequisite(postgresBinaries !== undefined, { suite, missing: 'PostgreSQL server binaries (initdb, postgres)', install }, testRun.ci) &&
    requirePrerequisite(!asRoot || Number.isInteger(postgresUid), { suite, missing: 'a `postgres` user to run PostgreSQL as (it refuses root)', install }, testRun.ci)
  );
}

function installed(name: 'initdb' | 'postgres'): string {
  if (!postgresBinaries) throw new Error('PostgreSQL server binaries not found');
  return postgresBinaries[name];
}

/** A PostgreSQL server of this test's own (initdb in a temporary folder, a free port), to stop and start at will. */
export class PrivatePostgres {
  readonly dir = mkdtempSync(path.join(tmpdir(), 'sd-pg-'));
  port = 0;
  #process: ChildProcess | undefined;

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  async init(): Promise<void> {
    if (asRoot) {
      chownSync(this.dir, postgresUid, postgresUid);
      chmodSync(this.dir, 0o700);
    }
    const [binary, args] = command(installed('initdb'), ['-D', path.join(this.dir, 'data'), '-A', 'trust', '-U', 'postgres', '--no-sync']);
    const result = spawnSync(binary, args, { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`initdb failed: ${result.error?.message ?? result.stderr}`);
    this.port = await freePort();
  }

  async start(): Promise<void> {
    const [binary, args] = command(installed('postgres'), [
      '-D', path.join(this.dir, 'data'),
      '-p', String(this.port),
      '-k', this.dir,
      '-c', 'listen_addresses=127.0.0.1',
      '-c', 'fsync=off',
    ]);
    // Its own process group, so a stop reaches postgres itself and not only runuser.
    this.#process = spawn(binary, args, { stdio: 'ignore', detached: true });
    await waitFor(async () => {
      const client = new pg.Client({ connectionString: this.url, connectionTimeoutMillis: 1_000 });
      try {
        await client.connect();
        return true;
      } finally {
        await client.end().catch(() => undefined);
      }
    }, 20_000, 'the private PostgreSQL');
  }

  /** Fast shutdown (SIGINT): open connections are cut, as when the database goes away. */
  async stop(): Promise<void> {
    const child = this.#process;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      if (child.pid) process.kill(-child.pid, 'SIGINT');
    });
  }

  async destroy(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
