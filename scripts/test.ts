// `npm test`: provisions the real test Keycloak, builds, runs every workspace's tests and the
// browser tests, then stops the Keycloak it started. Set KEEP_KEYCLOAK=1 to leave it running.
import { ensureKeycloak, stopKeycloak } from '@session-desk/keycloak-local';
import { run, seconds } from './lib/processes.ts';

const started = performance.now();
const timings: Array<[string, string]> = [];

async function step(name: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<void> {
  const since = performance.now();
  console.log(`\n▶ ${name}`);
  const code = await run(command, args, env);
  timings.push([name, seconds(since)]);
  if (code !== 0) throw new Error(`${name} failed (exit code ${code})`);
}

let keycloakStartedHere = false;
let failed = false;
try {
  const since = performance.now();
  const keycloak = await ensureKeycloak('test', { log: (line) => console.log(`[keycloak] ${line}`) });
  keycloakStartedHere = keycloak.startedNow;
  timings.push([keycloak.startedNow ? 'keycloak start' : 'keycloak (reused)', seconds(since)]);
  console.log(`Keycloak ${keycloak.url} (log: ${keycloak.logFile})`);

  await step('build', 'npx', ['turbo', 'run', 'build', '--output-logs=errors-only']);
  await step('unit and integration tests', 'npx', ['turbo', 'run', 'test', '--concurrency=1']);
  await step('script tests (npm run dev, the bench)', process.execPath, ['--test', 'scripts/dev.test.ts', 'bench/lib/first-paint.test.ts', 'bench/lib/bulk-end.test.ts']);
  await step('browser tests (Playwright, Chromium)', 'npx', ['playwright', 'test']);
} catch (err) {
  failed = true;
  console.error(`\n✖ ${err instanceof Error ? err.message : String(err)}`);
} finally {
  if (keycloakStartedHere && process.env.KEEP_KEYCLOAK !== '1') await stopKeycloak('test');
  console.log('\nTimings:');
  for (const [name, time] of timings) console.log(`  ${name.padEnd(40)} ${time}`);
  console.log(`  ${'total'.padEnd(40)} ${seconds(started)}`);
}
process.exit(failed ? 1 : 0);
