// `npm run dev` end to end: it starts the BFF under tsx watch and Vite against a running Keycloak,
// both answer (the SPA through Vite, the BFF through Vite's proxy), a change to a BFF source file
// restarts the BFF, and Ctrl-C stops every process it started and frees its ports.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, utimesSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { ensureKeycloak } from '@session-desk/keycloak-local';
import { freePort } from '@session-desk/test-support';

const root = path.resolve(import.meta.dirname, '..');
const LISTENING = 'Session Desk BFF listening';

/** Whether nothing listens on the port any more (a listen on it succeeds). */
async function portIsFree(port: number): Promise<boolean> {
  const server = createServer();
  return new Promise((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** Every process below `pid` (children, grandchildren…), read from ps. */
function descendants(pid: number): number[] {
  const table = execFileSync('ps', ['-eo', 'pid=,ppid='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number) as [number, number]);
  const found: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const parent = queue.shift();
    for (const [child, ppid] of table) {
      if (ppid !== parent) continue;
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Polls `check` every 250 ms until it answers a value, for at most `ms`. */
async function poll<T>(what: string, ms: number, check: () => Promise<T | undefined>): Promise<T> {
  const giveUpAt = Date.now() + ms;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > giveUpAt) throw new Error(`timed out waiting for ${what}`);
    await sleep(250);
  }
}

const dataDir = mkdtempSync(path.join(tmpdir(), 'sd-dev-test-'));
after(() => rmSync(dataDir, { recursive: true, force: true }));

test('npm run dev: BFF (tsx watch) and Vite answer, a BFF change restarts it, Ctrl-C stops everything', { timeout: 240_000 }, async () => {
  const keycloak = await ensureKeycloak('test', { log: () => undefined });
  const [bffPort, webPort] = [await freePort(), await freePort()];
  const dev = spawn(process.execPath, ['scripts/dev.ts'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, KEYCLOAK_URL: keycloak.url, PORT: String(bffPort), WEB_PORT: String(webPort), DATA_DIR: dataDir, METRICS_PORT: '0', LOG_LEVEL: 'info' },
  });
  let output = '';
  dev.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  dev.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => dev.once('exit', (code) => resolve(code)));
  const web = `http://127.0.0.1:${webPort}`;
  let started: number[] = [];
  try {
    // Vite serves the SPA's page with its hot-reload client.
    const html = await poll('the SPA through Vite', 180_000, async () => {
      const response = await fetch(`${web}/`);
      return response.ok ? response.text() : undefined;
    });
    assert.match(html, /<div id="root">/);
    assert.match(html, /\/@vite\/client/);
    const client = await fetch(`${web}/@vite/client`);
    assert.equal(client.status, 200);
    assert.match(await client.text(), /hot|hmr/i);

    // The BFF answers through Vite's proxy: not signed in, so 401 with the error shape.
    const me = await poll('the BFF through the proxy', 120_000, async () => {
      const response = await fetch(`${web}/api/me`);
      return response.status === 401 ? response.json() : undefined;
    });
    assert.equal((me as { error?: string }).error, 'unauthenticated');
    assert.match(output, new RegExp(LISTENING));
    started = descendants(dev.pid ?? 0);
    assert.ok(started.length >= 4, `dev started ${started.length} processes`);

    // Watch mode: touching a BFF source file restarts the BFF (tsx watch), which listens again.
    const listenedBefore = output.split(LISTENING).length - 1;
    const now = new Date();
    utimesSync(path.join(root, 'apps/bff/src/server.ts'), now, now);
    await poll('the BFF to restart', 60_000, async () => (output.split(LISTENING).length - 1 > listenedBefore ? true : undefined));
    await poll('the restarted BFF through the proxy', 60_000, async () => ((await fetch(`${web}/api/me`)).status === 401 ? true : undefined));
  } finally {
    dev.kill('SIGINT');
  }
  assert.equal(await exited, 0, output.slice(-2_000));
  await poll('every child to exit', 15_000, async () => (started.every((pid) => !alive(pid)) ? true : undefined));
  assert.deepEqual(started.filter(alive), []);
  assert.equal(await portIsFree(bffPort), true, 'the BFF port is free');
  assert.equal(await portIsFree(webPort), true, 'the Vite port is free');
});
