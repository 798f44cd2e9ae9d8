// npm run test:compat -- 24.0.5 25.0.6 26.0.8 26.7.3
// For each version, one at a time: fetch (cached), start on its own ports, run the compat smoke suite
// (apps/bff/src/compat/compat-smoke.integration.test.ts: provisions a fresh realm with the setup CLI and
// drives the BFF), stop. The first version listed runs under --http-relative-path=/auth.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { startCompatKeycloak, ensureCompatDistribution } from '@session-desk/keycloak-local';
import { run } from './lib/processes.ts';

const root = path.resolve(import.meta.dirname, '..');
const HTTP_PORT = Number(process.env['SD_COMPAT_HTTP_PORT'] ?? 8480);
const MANAGEMENT_PORT = Number(process.env['SD_COMPAT_MANAGEMENT_PORT'] ?? 9480);

interface Result {
  version: string;
  relativePath: string;
  outcome: 'passed' | 'failed';
  /** Seconds: Keycloak start until ready, and the smoke suite (setup + every step through the BFF). */
  startSeconds: number;
  smokeSeconds: number;
  totalSeconds: number;
  detail: string;
}

function vitest(keycloakUrl: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn('npx', ['vitest', 'run', 'src/compat/compat-smoke.integration.test.ts'], {
      cwd: path.join(root, 'apps', 'bff'),
      env: { ...process.env, SD_COMPAT_KEYCLOAK_URL: keycloakUrl },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const collect = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      process.stdout.write(chunk);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

const seconds = (since: number) => Math.round((Date.now() - since) / 100) / 10;

async function main(): Promise<number> {
  const versions = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
  if (versions.length === 0) {
    console.error('Usage: npm run test:compat -- VERSION... (e.g. 24.0.5 25.0.6 26.0.8 26.7.3; the first runs under /auth)');
    return 2;
  }
  const log = (line: string) => console.log(`[compat] ${line}`);
  // The smoke suite imports the built setup CLI and contracts.
  if ((await run('npx', ['turbo', 'run', 'build', '--filter=@session-desk/bff^...', '--output-logs=errors-only'])) !== 0) return 1;
  for (const version of versions) await ensureCompatDistribution(version, log);

  const results: Result[] = [];
  for (const [index, version] of versions.entries()) {
    const relativePath = index === 0 ? '/auth' : '';
    const began = Date.now();
    let stop: (() => Promise<void>) | undefined;
    try {
      const keycloak = await startCompatKeycloak({ version, httpPort: HTTP_PORT, managementPort: MANAGEMENT_PORT, relativePath: relativePath || undefined, log });
      stop = keycloak.stop;
      const startSeconds = seconds(began);
      const smokeBegan = Date.now();
      const { code, output } = await vitest(keycloak.url);
      const counts = /Tests\s+.*$/m.exec(stripVTControlCharacters(output))?.[0] ?? '';
      results.push({ version, relativePath, outcome: code === 0 ? 'passed' : 'failed', startSeconds, smokeSeconds: seconds(smokeBegan), totalSeconds: 0, detail: counts.trim() });
    } catch (err) {
      results.push({ version, relativePath, outcome: 'failed', startSeconds: seconds(began), smokeSeconds: 0, totalSeconds: 0, detail: err instanceof Error ? err.message.split('\n')[0] ?? '' : String(err) });
    } finally {
      await stop?.();
      const last = results.at(-1);
      if (last) last.totalSeconds = seconds(began);
      log(`Keycloak ${version} stopped.`);
    }
  }

  console.log('\n| Keycloak | path | smoke suite | start | smoke | total |\n|---|---|---|---|---|---|');
  for (const r of results) {
    console.log(`| ${r.version} | ${r.relativePath || '/'} | ${r.outcome}: ${r.detail} | ${r.startSeconds} s | ${r.smokeSeconds} s | ${r.totalSeconds} s |`);
  }
  const out = path.join(root, 'test-results', 'compat.json');
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify({ at: new Date().toISOString(), results }, null, 2)}\n`);
  console.log(`\nWritten to ${out}`);
  return results.every((r) => r.outcome === 'passed') ? 0 : 1;
}

process.exitCode = await main();
