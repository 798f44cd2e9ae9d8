import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer, type Server } from 'node:net';
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

  it("answers what Node's HTTP parser refuses (a 20 KB URL, a request that is not HTTP) in JSON, as every other error", async () => {
    const free = createServer();
    await new Promise<void>((resolve) => free.listen(0, '127.0.0.1', resolve));
    const freePort = (free.address() as { port: number }).port;
    await new Promise<void>((resolve) => free.close(() => resolve()));
    const child = spawn(process.execPath, [server], {
      env: { PATH: process.env['PATH'], PORT: String(freePort), HOST: '127.0.0.1', KEYCLOAK_URL: 'http://127.0.0.1:9', DATA_DIR: dataDir, IP_LOCATION: 'off', METRICS_PORT: '0', LOG_LEVEL: 'error' },
      stdio: 'ignore',
    });
    try {
      const deadline = Date.now() + 20_000;
      while (!(await fetch(`http://127.0.0.1:${freePort}/healthz`).then((r) => r.ok, () => false))) {
        if (Date.now() > deadline) throw new Error('the built server did not listen');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const raw = (text: string) =>
        new Promise<string>((resolve, reject) => {
          const socket = connect(freePort, '127.0.0.1', () => socket.end(text));
          let answer = '';
          socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
          socket.on('end', () => resolve(answer));
          socket.on('error', reject);
        });
      const long = await raw(`GET /api/realms/${'x'.repeat(20_000)} HTTP/1.1\r\nHost: localhost\r\n\r\n`);
      expect(long).toMatch(/^HTTP\/1\.1 431 /);
      expect(long).toMatch(/content-type: application\/json/i);
      expect(JSON.parse(long.slice(long.indexOf('\r\n\r\n') + 4))).toMatchObject({ error: 'headers_too_large', message: expect.stringMatching(/too large/) });
      const garbage = await raw('NOT HTTP AT ALL\r\n\r\n');
      expect(garbage).toMatch(/^HTTP\/1\.1 400 /);
      expect(garbage).toMatch(/x-content-type-options: nosniff/i);
      const garbageBody = JSON.parse(garbage.slice(garbage.indexOf('\r\n\r\n') + 4)) as { requestId: string };
      expect(garbageBody).toMatchObject({ error: 'bad_request', requestId: expect.any(String) });
      expect(garbage).toContain(`X-Request-Id: ${garbageBody.requestId}`);
      const hostless = await raw('GET /api/me HTTP/1.1\r\nConnection: close\r\n\r\n');
      expect(hostless).toMatch(/^HTTP\/1\.1 400 /);
      expect(hostless).toMatch(/content-type: application\/json/i);
      expect(JSON.parse(hostless.slice(hostless.indexOf('\r\n\r\n') + 4))).toMatchObject({ error: 'bad_request', message: 'The request has no Host header.' });
    } finally {
      child.kill('SIGTERM');
    }
  }, 40_000);
});
