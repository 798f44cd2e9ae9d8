import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const server = fileURLToPath(new URL('../dist/server.js', import.meta.url));

/** Runs the built BFF to its exit; what it printed and its exit code. */
function runBff(env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [server], { env: { PATH: process.env['PATH'], ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, output }));
  });
}

describe('the built server', () => {
  let taken: Server;
  let port: number;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'sd-server-'));
    taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    port = (taken.address() as { port: number }).port;
  });
  afterAll(() => {
    taken.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('says in one line that its port is taken, names PORT, and exits 1 without a stack trace', async () => {
    const { code, output } = await runBff({
      PORT: String(port),
      HOST: '127.0.0.1',
      KEYCLOAK_URL: 'http://127.0.0.1:9',
      DATA_DIR: dataDir,
      IP_LOCATION: 'off',
      METRICS_PORT: '0',
      LOG_LEVEL: 'error',
    });
    expect(code).toBe(1);
    expect(output).toContain(`Session Desk cannot listen on 127.0.0.1:${port}: the port is already in use`);
    expect(output).toContain('Set PORT');
    expect(output).not.toMatch(/^\s+at /m);
    expect(output).not.toContain('EADDRINUSE');
  }, 30_000);
});
