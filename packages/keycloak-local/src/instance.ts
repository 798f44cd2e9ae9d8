import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import path from 'node:path';
import { ensureDistribution } from './distribution.ts';
import { withFileLock } from './file-lock.ts';
import type { InstanceConfig, InstanceName } from './instance-config.ts';
import { portVariables, resolveInstanceConfig } from './instance-config.ts';
import type { JavaRuntime } from './java.ts';
import { resolveJava } from './java.ts';
import { keycloakEnv } from './keycloak-env.ts';
import type { KeycloakPaths, RunFiles } from './paths.ts';
import { keycloakPaths, runFiles } from './paths.ts';
import { isPortInUse } from './port-probe.ts';
import { isReady, waitUntilReady } from './readiness.ts';
import { installRealmImport } from './realm-import.ts';
import { pointConsoleClient, TEST_INSTANCE_BACKCHANNEL_URL } from './backchannel-logout-url.ts';
import { DESK_ORIGINS } from './demo-realm.ts';
import type { InstanceState } from './run-state.ts';
import { clearState, findLiveState, liveState, writeState } from './run-state.ts';
import { startArguments, startEnvironment } from './start-command.ts';
import { terminateProcessGroup } from './terminate.ts';
import { KEYCLOAK_VERSION } from './versions.ts';

export interface RunningKeycloak {
  name: InstanceName;
  url: string;
  managementUrl: string;
  logFile: string;
  pid: number;
  startedNow: boolean;
  startSeconds: number;
}

export interface EnsureOptions {
  log?: (line: string) => void;
  /** How long to wait for readiness after launching, in ms; default KEYCLOAK_START_TIMEOUT_SECONDS (600 s). */
  timeoutMs?: number;
}

export interface KeycloakStatus {
  running: boolean;
  /** Running and answering readiness plus the demo realm's discovery document. */
  ready: boolean;
  url: string;
  pid?: number;
  logFile: string;
}

/** Fetching, unpacking and building may precede the start while the lock is held. */
const PREPARE_BUDGET_MS = 15 * 60 * 1000;

function defaultLog(name: InstanceName): (line: string) => void {
  return (line) => console.log(`[keycloak ${name}] ${line}`);
}

function seconds(since: number): number {
  return Math.round((Date.now() - since) / 100) / 10;
}

function running(state: InstanceState, startedNow: boolean, startSeconds: number): RunningKeycloak {
  return {
    name: state.name,
    url: state.url,
    managementUrl: state.managementUrl,
    logFile: state.logFile,
    pid: state.pid,
    startedNow,
    startSeconds,
  };
}

async function reuse(
  state: InstanceState,
  config: InstanceConfig,
  log: (line: string) => void,
  timeoutMs: number,
): Promise<RunningKeycloak> {
  if (state.httpPort !== config.httpPort || state.managementPort !== config.managementPort) {
    throw new Error(
      `The ${config.name} Keycloak is already running on ports ${state.httpPort}/${state.managementPort}, not the requested ${config.httpPort}/${config.managementPort}; stop it first.`,
    );
  }
  if (await isReady(config)) {
    log(`Reusing the running ${config.name} Keycloak at ${state.url} (pid ${state.pid}); log: ${state.logFile}`);
    return running(state, false, 0);
  }
  const started = Date.now();
  log(`The ${config.name} Keycloak (pid ${state.pid}) is still starting; waiting for it. Log: ${state.logFile}`);
  await waitUntilReady({ config, pid: state.pid, logFile: state.logFile, timeoutMs });
  return running(state, false, seconds(started));
}

async function assertPortsFree(config: InstanceConfig): Promise<void> {
  const variables = portVariables(config.name);
  const ports = [
    { port: config.httpPort, role: 'HTTP', variable: variables.http },
    { port: config.managementPort, role: 'management', variable: variables.management },
  ];
  for (const { port, role, variable } of ports) {
    if (await isPortInUse(port)) {
      throw new Error(
        `Port ${port} (${role} port of the ${config.name} Keycloak) is already in use by another process that is not this tool's ${config.name} instance; stop that process or pick another port with ${variable}.`,
      );
    }
  }
}

function launch(config: InstanceConfig, paths: KeycloakPaths, files: RunFiles, java: JavaRuntime): InstanceState {
  const transactionLogDir = path.join(paths.runDir, `${config.key}-transaction-logs`);
  const out = openSync(files.logFile, 'w');
  try {
    // Detached: own process group, so it outlives this process and stop can signal kc.sh and java together.
    const child = spawn(paths.kcScript, startArguments(config), {
      cwd: paths.distDir,
      detached: true,
      stdio: ['ignore', out, out],
      env: keycloakEnv(java, startEnvironment(transactionLogDir)),
    });
    child.on('error', () => undefined);
    child.unref();
    if (child.pid === undefined) throw new Error(`Could not launch ${paths.kcScript}.`);
    return {
      name: config.name,
      pid: child.pid,
      httpPort: config.httpPort,
      managementPort: config.managementPort,
      url: config.url,
      managementUrl: config.managementUrl,
      logFile: files.logFile,
      kcScript: paths.kcScript,
      startedAt: new Date().toISOString(),
      version: KEYCLOAK_VERSION,
    };
  } finally {
    closeSync(out);
  }
}

async function startFresh(
  config: InstanceConfig,
  files: RunFiles,
  log: (line: string) => void,
  timeoutMs: number,
): Promise<RunningKeycloak> {
  await assertPortsFree(config);
  const paths = keycloakPaths();
  const java = resolveJava();
  await ensureDistribution({ java, log });
  installRealmImport(paths);

  const started = Date.now();
  const state = launch(config, paths, files, java);
  writeState(config.key, state);
  log(`Started the ${config.name} Keycloak ${KEYCLOAK_VERSION} (pid ${state.pid}); log: ${state.logFile}`);
  try {
    await waitUntilReady({ config, pid: state.pid, logFile: state.logFile, timeoutMs });
  } catch (error) {
    await terminateProcessGroup(state.pid, 10_000);
    clearState(config.key);
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`${reason}\nThe ${config.name} Keycloak this call started has been stopped again.`, { cause: error });
  }
  if (config.name === 'test') await pointConsoleClient({ url: state.url, consoleUrl: DESK_ORIGINS[1] ?? state.url, backchannelUrl: TEST_INSTANCE_BACKCHANNEL_URL });
  const startSeconds = seconds(started);
  log(`The ${config.name} Keycloak is ready at ${state.url} after ${startSeconds} s.`);
  return running(state, true, startSeconds);
}

/**
 * Starts the named instance unless ours is already running; safe to call from many processes at once.
 * The instance is the name plus its configured HTTP port (InstanceConfig.key): a non-default KEYCLOAK_PORT
 * gets its own lock, state and Keycloak.
 */
export async function ensureKeycloak(name: InstanceName, opts: EnsureOptions = {}): Promise<RunningKeycloak> {
  const log = opts.log ?? defaultLog(name);
  const config = resolveInstanceConfig(name);
  const timeoutMs = opts.timeoutMs ?? config.startTimeoutMs;
  const files = runFiles(config.key);
  mkdirSync(path.dirname(files.lockFile), { recursive: true });
  return withFileLock(
    files.lockFile,
    async () => {
      const existing = liveState(config.key);
      return existing ? reuse(existing, config, log, timeoutMs) : startFresh(config, files, log, timeoutMs);
    },
    {
      timeoutMs: timeoutMs + PREPARE_BUDGET_MS,
      onWait: (pid) => log(`Process ${pid} is already starting or stopping the ${name} Keycloak on port ${config.httpPort}; waiting for it.`),
    },
  );
}

/** Stops only an instance this tool started (per its pid file); returns whether something was stopped. */
export async function stopKeycloak(name: InstanceName): Promise<boolean> {
  const { key, startTimeoutMs } = resolveInstanceConfig(name);
  const files = runFiles(key);
  mkdirSync(path.dirname(files.lockFile), { recursive: true });
  return withFileLock(
    files.lockFile,
    async () => {
      const state = liveState(key);
      if (!state) return false;
      await terminateProcessGroup(state.pid);
      clearState(key);
      return true;
    },
    { timeoutMs: startTimeoutMs + PREPARE_BUDGET_MS },
  );
}

export async function keycloakStatus(name: InstanceName): Promise<KeycloakStatus> {
  const resolved = resolveInstanceConfig(name);
  const files = runFiles(resolved.key);
  const state = findLiveState(resolved.key);
  if (!state) return { running: false, ready: false, url: resolved.url, logFile: files.logFile };
  const config: InstanceConfig = {
    ...resolved,
    httpPort: state.httpPort,
    managementPort: state.managementPort,
    url: state.url,
    managementUrl: state.managementUrl,
  };
  return { running: true, ready: await isReady(config), url: state.url, pid: state.pid, logFile: state.logFile };
}
