import { spawn } from 'node:child_process';
import { closeSync, cpSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ensureDistribution } from './distribution.ts';
import { withFileLock } from './file-lock.ts';
import type { InstanceConfig } from './instance-config.ts';
import { resolveJava } from './java.ts';
import { keycloakEnv } from './keycloak-env.ts';
import type { KeycloakPaths } from './paths.ts';
import { keycloakPaths } from './paths.ts';
import { waitUntilReady } from './readiness.ts';
import { installRealmImport } from './realm-import.ts';
import { runCommand } from './run-command.ts';
import { startArguments, startEnvironment } from './start-command.ts';
import { terminateProcessGroup } from './terminate.ts';
import { KEYCLOAK_VERSION } from './versions.ts';

/**
 * The pinned Keycloak on PostgreSQL, for `npm run bench -- --db postgres` only: its own copy of the
 * unpacked distribution (`<cache>/keycloak/keycloak-<version>-postgres`, built once with
 * `kc.sh build --db=postgres`, since the shared one is built for dev-mem and a rebuild would change
 * it under running instances), started on its own ports with the demo realm imported into the given
 * database, stopped by `stop()`. It never touches the demo or test instance.
 */
export interface PostgresKeycloak {
  url: string;
  managementUrl: string;
  logFile: string;
  pid: number;
  startSeconds: number;
  stop: () => Promise<void>;
}

export interface PostgresKeycloakOptions {
  /** e.g. `jdbc:postgresql://127.0.0.1:5432/sd_kc_bench_1a2b3c` (an empty database: Keycloak creates its schema). */
  jdbcUrl: string;
  username: string;
  password: string;
  httpPort: number;
  managementPort: number;
  log: (line: string) => void;
  timeoutMs?: number;
}

export const POSTGRES_BUILD_OPTIONS: readonly string[] = ['--db=postgres', '--health-enabled=true'];
const BUILD_TIMEOUT_MS = 15 * 60 * 1000;

/** Paths of the PostgreSQL build, beside the shared distribution. */
export function postgresPaths(base: KeycloakPaths = keycloakPaths()): KeycloakPaths {
  const distDir = `${base.distDir}-postgres`;
  return {
    ...base,
    distDir,
    kcScript: path.join(distDir, 'bin', 'kc.sh'),
    importDir: path.join(distDir, 'data', 'import'),
    buildStamp: path.join(distDir, '.session-desk-build.json'),
  };
}

function isBuilt(paths: KeycloakPaths): boolean {
  try {
    return readFileSync(paths.buildStamp, 'utf8').trim() === JSON.stringify({ version: KEYCLOAK_VERSION, options: POSTGRES_BUILD_OPTIONS });
  } catch {
    return false;
  }
}

/** Copies the unpacked distribution and builds it for PostgreSQL, once (about 30–60 s). Returns its paths. */
export async function ensurePostgresDistribution(log: (line: string) => void): Promise<KeycloakPaths> {
  const java = resolveJava();
  const base = await ensureDistribution({ java, log });
  const paths = postgresPaths(base);
  await withFileLock(
    path.join(base.cacheDir, 'distribution-postgres.lock'),
    async () => {
      if (isBuilt(paths)) return;
      const started = Date.now();
      rmSync(paths.distDir, { recursive: true, force: true });
      // The copy's own data/ and build stamp start empty; lib/ is rewritten by the build.
      cpSync(base.distDir, paths.distDir, { recursive: true, filter: (source) => !source.startsWith(path.join(base.distDir, 'data')) && source !== base.buildStamp });
      const buildLog = path.join(base.runDir, 'build-postgres.log');
      mkdirSync(base.runDir, { recursive: true });
      writeFileSync(buildLog, '');
      log(`Building a PostgreSQL copy of Keycloak (kc.sh build ${POSTGRES_BUILD_OPTIONS.join(' ')}) in ${paths.distDir}; output in ${buildLog} …`);
      await runCommand(paths.kcScript, ['build', ...POSTGRES_BUILD_OPTIONS], { env: keycloakEnv(java), logFile: buildLog });
      writeFileSync(paths.buildStamp, `${JSON.stringify({ version: KEYCLOAK_VERSION, options: POSTGRES_BUILD_OPTIONS })}\n`);
      log(`Built in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
    },
    { timeoutMs: BUILD_TIMEOUT_MS, onWait: (pid) => log(`Waiting for process ${pid} to finish building Keycloak for PostgreSQL …`) },
  );
  return paths;
}

/** Starts the PostgreSQL build with the demo realm imported and waits until it serves it; the caller must `stop()` it. */
export async function startPostgresKeycloak(options: PostgresKeycloakOptions): Promise<PostgresKeycloak> {
  const paths = await ensurePostgresDistribution(options.log);
  const java = resolveJava();
  installRealmImport(paths);
  const config: InstanceConfig = {
    name: 'demo',
    key: `postgres-${options.httpPort}`,
    httpPort: options.httpPort,
    managementPort: options.managementPort,
    url: `http://localhost:${options.httpPort}`,
    managementUrl: `http://localhost:${options.managementPort}`,
    startTimeoutMs: options.timeoutMs ?? 600_000,
  };
  mkdirSync(paths.runDir, { recursive: true });
  const logFile = path.join(paths.runDir, `${config.key}.log`);
  const transactionLogDir = path.join(paths.runDir, `${config.key}-transaction-logs`);
  const out = openSync(logFile, 'w');
  let pid: number;
  try {
    const child = spawn(
      paths.kcScript,
      [...startArguments(config), `--db-url=${options.jdbcUrl}`, `--db-username=${options.username}`, `--db-password=${options.password}`],
      { cwd: paths.distDir, detached: true, stdio: ['ignore', out, out], env: keycloakEnv(java, startEnvironment(transactionLogDir)) },
    );
    child.on('error', () => undefined);
    child.unref();
    if (child.pid === undefined) throw new Error(`Could not launch ${paths.kcScript}.`);
    pid = child.pid;
  } finally {
    closeSync(out);
  }
  const started = Date.now();
  options.log(`Started Keycloak ${KEYCLOAK_VERSION} on PostgreSQL (pid ${pid}) at ${config.url}; log: ${logFile}`);
  const stop = async () => {
    await terminateProcessGroup(pid, 30_000);
    rmSync(transactionLogDir, { recursive: true, force: true });
  };
  try {
    await waitUntilReady({ config, pid, logFile, timeoutMs: config.startTimeoutMs });
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: config.url, managementUrl: config.managementUrl, logFile, pid, startSeconds: Math.round((Date.now() - started) / 100) / 10, stop };
}
