import { clientSessionTotals, masterAdminToken } from './admin-api.ts';
import type { CliArgs } from './cli-args.ts';
import { CliUsageError, USAGE, parseCliArgs } from './cli-args.ts';
import { ensureDistribution } from './distribution.ts';
import { demoRealm } from './demo-realm.ts';
import type { InstanceName } from './instance-config.ts';
import { ensureKeycloak, keycloakStatus, stopKeycloak } from './instance.ts';
import { resolveJava } from './java.ts';
import { LARGE_REALM } from './large-realm.ts';
import { seedLargeRealm } from './large-seed.ts';
import { seedDemoSessions } from './seed.ts';
import { BOOTSTRAP_ADMIN } from './start-command.ts';
import { KEYCLOAK_VERSION } from './versions.ts';

const log = (line: string): void => console.log(line);

function stopHint(name: InstanceName): string {
  return name === 'demo' ? 'npm run keycloak:stop' : `npm run keycloak:stop -- --instance ${name}`;
}

async function start(name: InstanceName): Promise<void> {
  const kc = await ensureKeycloak(name, { log });
  const how = kc.startedNow ? `started in ${kc.startSeconds} s` : 'already running, reused';
  console.log(
    [
      '',
      `Keycloak ${KEYCLOAK_VERSION} "${name}" is ready at ${kc.url} (${how}, pid ${kc.pid})`,
      `  admin console  ${kc.url}/admin/  (${BOOTSTRAP_ADMIN.username} / ${BOOTSTRAP_ADMIN.password})`,
      `  demo realm     ${kc.url}/realms/${demoRealm.realm}`,
      `  operators      ${demoRealm.operators.map((o) => `${o.username} / ${o.password}`).join(', ')}`,
      `  log            ${kc.logFile}`,
      `  stop           ${stopHint(name)}`,
    ].join('\n'),
  );
}

async function stop(name: InstanceName): Promise<void> {
  const stopped = await stopKeycloak(name);
  console.log(stopped ? `Stopped the ${name} Keycloak.` : `The ${name} Keycloak was not running (nothing this tool started).`);
}

async function status(name: InstanceName): Promise<void> {
  const s = await keycloakStatus(name);
  const state = s.running ? (s.ready ? 'running' : 'running (not ready yet)') : 'stopped';
  console.log(`${name}: ${state}\n  url  ${s.url}\n  pid  ${s.pid ?? '-'}\n  log  ${s.logFile}`);
}

async function seed(name: InstanceName): Promise<void> {
  const kc = await ensureKeycloak(name, { log });
  const result = await seedDemoSessions({ url: kc.url, log });
  const totals = await clientSessionTotals(kc.url, await masterAdminToken(kc.url));
  console.log(
    [
      `Seeded ${result.regular} regular and ${result.offline} offline sessions for ${result.users} users in ${result.seconds} s.`,
      `Realm ${demoRealm.realm} now holds ${totals.active} active and ${totals.offline} offline client sessions (Admin API client-session-stats).`,
    ].join('\n'),
  );
}

function seedConcurrency(): number | undefined {
  const raw = process.env['SD_SEED_CONCURRENCY']?.trim();
  if (!raw) return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 64) throw new Error(`SD_SEED_CONCURRENCY must be a whole number from 1 to 64, got "${raw}".`);
  return value;
}

async function seedLarge(name: InstanceName, counts: { sessions?: number; users?: number } = {}): Promise<void> {
  const kc = await ensureKeycloak(name, { log });
  const concurrency = seedConcurrency();
  const r = await seedLargeRealm({ url: kc.url, log, ...(concurrency ? { concurrency } : {}), sessions: counts.sessions, idleUsers: counts.users });
  const short = r.after.regular < r.targets.regular || r.after.offline < r.targets.offline;
  console.log(
    [
      `Created ${r.created.regular} regular and ${r.created.offline} offline sessions in ${r.loginSeconds} s (${r.loginsPerSecond} logins/s); setup ${r.setupSeconds} s; total ${r.seconds} s.`,
      `Realm ${LARGE_REALM} now holds ${r.after.regular} regular + ${r.after.offline} offline sessions of ${r.targets.users} users on ${r.targets.clients} clients (target ${r.targets.regular} + ${r.targets.offline}), and ${r.idleUsers} users without sessions (${r.idleImportSeconds} s to import the missing ones).`,
    ].join('\n'),
  );
  if (short) throw new Error(`Realm ${LARGE_REALM} is still short of the target after seeding.`);
}

async function fetchOnly(): Promise<void> {
  const started = Date.now();
  await ensureDistribution({ java: resolveJava(), log });
  console.log(`Keycloak ${KEYCLOAK_VERSION} is downloaded, unpacked and built (${((Date.now() - started) / 1000).toFixed(1)} s).`);
}

async function run(args: CliArgs): Promise<void> {
  if (args.command === 'help') return console.log(USAGE);
  const commands: Record<typeof args.command, (name: InstanceName) => Promise<void>> = {
    start,
    stop,
    status,
    seed,
    'seed-large': (name) => seedLarge(name, args),
    fetch: fetchOnly,
  };
  await commands[args.command](args.instance);
}

try {
  await run(parseCliArgs(process.argv.slice(2)));
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = error instanceof CliUsageError ? 2 : 1;
}
