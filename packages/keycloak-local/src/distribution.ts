import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { JavaRuntime } from './java.ts';
import { requireMaven } from './java.ts';
import { withFileLock } from './file-lock.ts';
import { keycloakEnv } from './keycloak-env.ts';
import type { KeycloakPaths } from './paths.ts';
import { keycloakPaths } from './paths.ts';
import { runCommand } from './run-command.ts';
import { findLiveState, recordedInstanceKeys } from './run-state.ts';
import { unpackZip } from './unpack-zip.ts';
import { KEYCLOAK_MAVEN_ARTIFACT, KEYCLOAK_VERSION } from './versions.ts';

/** Build-time options baked in by `kc.sh build`; runtime options (ports, cache=local, …) go to `start`. */
export const BUILD_OPTIONS: readonly string[] = ['--db=dev-mem', '--health-enabled=true'];

const PREPARE_TIMEOUT_MS = 15 * 60 * 1000;

interface BuildStamp {
  version: string;
  options: string[];
}

export interface DistributionOptions {
  java: JavaRuntime;
  log: (line: string) => void;
  paths?: KeycloakPaths;
}

function elapsed(since: number): string {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`;
}

export function isBuildCurrent(paths: KeycloakPaths = keycloakPaths()): boolean {
  try {
    const stamp: unknown = JSON.parse(readFileSync(paths.buildStamp, 'utf8'));
    const expected: BuildStamp = { version: KEYCLOAK_VERSION, options: [...BUILD_OPTIONS] };
    return JSON.stringify(stamp) === JSON.stringify(expected);
  } catch {
    return false;
  }
}

export function isUnpacked(paths: KeycloakPaths = keycloakPaths()): boolean {
  return existsSync(paths.kcScript);
}

async function fetchZip(paths: KeycloakPaths, log: (line: string) => void): Promise<void> {
  const mvn = requireMaven();
  const started = Date.now();
  log(`Downloading ${KEYCLOAK_MAVEN_ARTIFACT} with Maven into ${paths.cacheDir} …`);
  const staging = path.join(paths.cacheDir, `download-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  try {
    await runCommand(mvn, ['-q', '-B', 'dependency:copy', `-Dartifact=${KEYCLOAK_MAVEN_ARTIFACT}`, `-DoutputDirectory=${staging}`]);
    const zip = readdirSync(staging).find((f) => f.endsWith('.zip'));
    if (!zip) throw new Error(`Maven finished but left no zip in ${staging}.`);
    renameSync(path.join(staging, zip), paths.zipFile);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  log(`Downloaded Keycloak ${KEYCLOAK_VERSION} in ${elapsed(started)}.`);
}

async function unpack(paths: KeycloakPaths, log: (line: string) => void): Promise<void> {
  const started = Date.now();
  const staging = path.join(paths.cacheDir, `unpack-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  try {
    await unpackZip(paths.zipFile, staging);
    const unpacked = path.join(staging, path.basename(paths.distDir));
    if (!existsSync(path.join(unpacked, 'bin', 'kc.sh'))) {
      throw new Error(`${paths.zipFile} does not contain ${path.basename(paths.distDir)}/bin/kc.sh; delete it to download again.`);
    }
    rmSync(paths.distDir, { recursive: true, force: true });
    // Renaming a fully unpacked folder into place means a half-finished unpack is never mistaken for a good one.
    renameSync(unpacked, paths.distDir);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  log(`Unpacked ${path.basename(paths.zipFile)} into ${paths.distDir} in ${elapsed(started)}.`);
}

/** Rebuilding rewrites lib/ under a running server's feet. */
function assertNothingRunsOn(paths: KeycloakPaths): void {
  const running = recordedInstanceKeys().filter((key) => findLiveState(key)?.kcScript === paths.kcScript);
  if (running.length > 0) {
    throw new Error(
      `Keycloak must be rebuilt because its build options changed; stop the running ${running.join(' and ')} instance${running.length > 1 ? 's' : ''} first.`,
    );
  }
}

async function build(paths: KeycloakPaths, java: JavaRuntime, log: (line: string) => void): Promise<void> {
  assertNothingRunsOn(paths);
  const started = Date.now();
  const buildLog = path.join(paths.runDir, 'build.log');
  mkdirSync(paths.runDir, { recursive: true });
  writeFileSync(buildLog, '');
  rmSync(paths.buildStamp, { force: true });
  log(`Building Keycloak (kc.sh build ${BUILD_OPTIONS.join(' ')}), about 30 s once; output in ${buildLog} …`);
  await runCommand(paths.kcScript, ['build', ...BUILD_OPTIONS], { env: keycloakEnv(java), logFile: buildLog });
  const stamp: BuildStamp = { version: KEYCLOAK_VERSION, options: [...BUILD_OPTIONS] };
  writeFileSync(paths.buildStamp, `${JSON.stringify(stamp)}\n`);
  log(`Built Keycloak in ${elapsed(started)}.`);
}

/** Fetch, unpack and build once; each step is skipped when its result is already in the cache. */
export async function ensureDistribution(options: DistributionOptions): Promise<KeycloakPaths> {
  const paths = options.paths ?? keycloakPaths();
  mkdirSync(paths.cacheDir, { recursive: true });
  await withFileLock(
    path.join(paths.cacheDir, 'distribution.lock'),
    async () => {
      if (!existsSync(paths.zipFile)) await fetchZip(paths, options.log);
      if (!isUnpacked(paths)) await unpack(paths, options.log);
      if (!isBuildCurrent(paths)) await build(paths, options.java, options.log);
    },
    { timeoutMs: PREPARE_TIMEOUT_MS, onWait: (pid) => options.log(`Waiting for process ${pid} to finish preparing Keycloak …`) },
  );
  return paths;
}
