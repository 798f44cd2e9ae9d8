import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { withFileLock } from './file-lock.ts';
import { isExecutableFile } from './executables.ts';
import { resolveJava, requireMaven, type JavaRuntime } from './java.ts';
import { keycloakEnv } from './keycloak-env.ts';
import { quoteTail } from './log-tail.ts';
import { cacheRoot } from './paths.ts';
import { isPortInUse } from './port-probe.ts';
import { isProcessGroupAlive } from './processes.ts';
import { runCommand } from './run-command.ts';
import { BOOTSTRAP_ADMIN } from './start-command.ts';
import { terminateProcessGroup } from './terminate.ts';
import { unpackZip } from './unpack-zip.ts';
import { keycloakArtifact } from './versions.ts';

/**
 * Another Keycloak version than the pinned one, for the compat run only: fetched from Maven Central
 * (cached under `<cache>/keycloak-compat/`), started in dev mode on its own ports with an in-memory
 * database, stopped when done. It never touches the demo or test instance.
 */
export interface CompatKeycloak {
  version: string;
  /** Base URL, including the relative path when there is one (`http://localhost:8480/auth`). */
  url: string;
  logFile: string;
  pid: number;
  stop: () => Promise<void>;
}

export interface CompatOptions {
  version: string;
  httpPort: number;
  managementPort: number;
  /** e.g. `/auth`, the layout of pre-17 deployments. */
  relativePath?: string;
  log: (line: string) => void;
  timeoutMs?: number;
}

const VERSION_PATTERN = /^\d+\.\d+\.\d+$/;
const JAVA_17_HOME = '/usr/lib/jvm/java-17-openjdk-amd64';

function compatDir(): string {
  return path.join(cacheRoot(), 'keycloak-compat');
}

function parseVersion(version: string): [number, number] {
  const [major, minor] = version.split('.').map(Number);
  return [major ?? 0, minor ?? 0];
}

/** Keycloak before 26.6 does not run on Java 25; Java 17 runs every supported version. */
function javaFor(version: string): JavaRuntime {
  const [major, minor] = parseVersion(version);
  const needsOldJava = major < 26 || (major === 26 && minor < 6);
  if (needsOldJava && isExecutableFile(path.join(JAVA_17_HOME, 'bin', 'java'))) {
    return { javaBin: path.join(JAVA_17_HOME, 'bin', 'java'), javaHome: JAVA_17_HOME, major: 17 };
  }
  return resolveJava();
}

/** The unpacked distribution of `version`, fetched and unpacked once. Returns its folder. */
export async function ensureCompatDistribution(version: string, log: (line: string) => void): Promise<string> {
  if (!VERSION_PATTERN.test(version)) throw new Error(`"${version}" is not a Keycloak version such as 26.0.8.`);
  const dir = compatDir();
  mkdirSync(dir, { recursive: true });
  const zip = path.join(dir, `keycloak-quarkus-dist-${version}.zip`);
  const dist = path.join(dir, `keycloak-${version}`);
  await withFileLock(path.join(dir, `${version}.lock`), async () => {
    if (!existsSync(zip)) {
      const started = Date.now();
      log(`Downloading ${keycloakArtifact(version)} with Maven …`);
      const staging = path.join(dir, `download-${process.pid}`);
      rmSync(staging, { recursive: true, force: true });
      mkdirSync(staging);
      try {
        await runCommand(requireMaven(), ['-q', '-B', 'dependency:copy', `-Dartifact=${keycloakArtifact(version)}`, `-DoutputDirectory=${staging}`]);
        const file = readdirSync(staging).find((name) => name.endsWith('.zip'));
        if (!file) throw new Error(`Maven left no zip for Keycloak ${version}; is it published on Maven Central?`);
        renameSync(path.join(staging, file), zip);
      } finally {
        rmSync(staging, { recursive: true, force: true });
      }
      log(`Downloaded Keycloak ${version} in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
    }
    if (!existsSync(path.join(dist, 'bin', 'kc.sh'))) {
      const staging = path.join(dir, `unpack-${process.pid}`);
      rmSync(staging, { recursive: true, force: true });
      mkdirSync(staging);
      try {
        await unpackZip(zip, staging);
        rmSync(dist, { recursive: true, force: true });
        renameSync(path.join(staging, `keycloak-${version}`), dist);
      } finally {
        rmSync(staging, { recursive: true, force: true });
      }
    }
  }, { timeoutMs: 15 * 60 * 1000, onWait: (pid) => log(`Waiting for process ${pid} to finish preparing Keycloak ${version} …`) });
  return dist;
}

/** The `kc.sh` arguments for a throwaway dev-mode server of `version`. */
export function compatStartArguments(version: string, options: Pick<CompatOptions, 'httpPort' | 'managementPort' | 'relativePath'>): string[] {
  const [major] = parseVersion(version);
  return [
    'start-dev',
    '--http-host=127.0.0.1',
    `--http-port=${options.httpPort}`,
    // 25+ serve health and metrics on a management port, 9000 by default (the demo instance's).
    ...(major >= 25 ? [`--http-management-port=${options.managementPort}`] : []),
    '--db=dev-mem',
    '--cache=local',
    '--hostname-strict=false',
    ...(options.relativePath ? [`--http-relative-path=${options.relativePath}`] : []),
    '--log-console-color=false',
  ];
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(3000) });
    await response.body?.cancel();
    return response.status === 200;
  } catch {
    return false;
  }
}

/** Fetches (cached), starts and waits for Keycloak `version`; the caller must `stop()` it. */
export async function startCompatKeycloak(options: CompatOptions): Promise<CompatKeycloak> {
  for (const port of [options.httpPort, options.managementPort]) {
    if (await isPortInUse(port)) throw new Error(`Port ${port} is in use; the compat run needs it free for Keycloak ${options.version}.`);
  }
  const dist = await ensureCompatDistribution(options.version, options.log);
  const java = javaFor(options.version);
  const runDir = path.join(compatDir(), 'run');
  mkdirSync(runDir, { recursive: true });
  const logFile = path.join(runDir, `${options.version}.log`);
  const out = openSync(logFile, 'w');
  let pid: number;
  try {
    const child = spawn(path.join(dist, 'bin', 'kc.sh'), compatStartArguments(options.version, options), {
      cwd: dist,
      detached: true,
      stdio: ['ignore', out, out],
      env: keycloakEnv(java, {
        // 26+ name; 24 and 25 read the older one.
        KC_BOOTSTRAP_ADMIN_USERNAME: BOOTSTRAP_ADMIN.username,
        KC_BOOTSTRAP_ADMIN_PASSWORD: BOOTSTRAP_ADMIN.password,
        KEYCLOAK_ADMIN: BOOTSTRAP_ADMIN.username,
        KEYCLOAK_ADMIN_PASSWORD: BOOTSTRAP_ADMIN.password,
      }),
    });
    child.on('error', () => undefined);
    child.unref();
    if (child.pid === undefined) throw new Error(`Could not launch Keycloak ${options.version}.`);
    pid = child.pid;
  } finally {
    closeSync(out);
  }
  const url = `http://localhost:${options.httpPort}${options.relativePath ?? ''}`;
  const stop = async () => {
    await terminateProcessGroup(pid, 20_000);
  };
  const deadline = Date.now() + (options.timeoutMs ?? 300_000);
  options.log(`Started Keycloak ${options.version} (pid ${pid}, Java ${java.major}) at ${url}; log: ${logFile}`);
  while (!(await answers(`${url}/realms/master/.well-known/openid-configuration`))) {
    if (!isProcessGroupAlive(pid)) throw new Error(`Keycloak ${options.version} exited before it became ready.\n${quoteTail(logFile)}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`Keycloak ${options.version} was not ready in time.\n${quoteTail(logFile)}`);
    }
    await sleep(1000);
  }
  return { version: options.version, url, logFile, pid, stop };
}
