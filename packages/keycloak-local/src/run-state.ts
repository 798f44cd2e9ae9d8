import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { InstanceName } from './instance-config.ts';
import { keycloakPaths, runFiles } from './paths.ts';
import { isProcessAlive, processCommandLine } from './processes.ts';

export interface InstanceState {
  name: InstanceName;
  pid: number;
  httpPort: number;
  managementPort: number;
  url: string;
  managementUrl: string;
  logFile: string;
  kcScript: string;
  startedAt: string;
  version: string;
}

function writeAtomically(file: string, content: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, content);
  renameSync(temp, file);
}

function isInstanceState(value: unknown): value is InstanceState {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v['pid'] === 'number' && typeof v['httpPort'] === 'number' && typeof v['kcScript'] === 'string';
}

/** `key` is the instance's run-file key (InstanceConfig.key), e.g. `demo` or `demo-8090`. */
export function readState(key: string): InstanceState | undefined {
  const files = runFiles(key);
  try {
    const state: unknown = JSON.parse(readFileSync(files.stateFile, 'utf8'));
    const pid = Number.parseInt(readFileSync(files.pidFile, 'utf8'), 10);
    return isInstanceState(state) && state.pid === pid ? state : undefined;
  } catch {
    return undefined;
  }
}

export function writeState(key: string, state: InstanceState): void {
  const files = runFiles(key);
  writeAtomically(files.stateFile, `${JSON.stringify(state, null, 2)}\n`);
  writeAtomically(files.pidFile, `${state.pid}\n`);
}

export function clearState(key: string): void {
  const files = runFiles(key);
  rmSync(files.pidFile, { force: true });
  rmSync(files.stateFile, { force: true });
}

/**
 * True only when the recorded pid is alive AND still runs our kc.sh, so a recycled pid
 * (or an instance someone started by hand) is never mistaken for ours.
 */
export function isOurProcess(state: InstanceState): boolean {
  if (!isProcessAlive(state.pid)) return false;
  const commandLine = processCommandLine(state.pid);
  return commandLine === undefined || commandLine.includes(state.kcScript);
}

/** The live instance our pid file names, without touching any files. */
export function findLiveState(key: string): InstanceState | undefined {
  const state = readState(key);
  return state && isOurProcess(state) ? state : undefined;
}

/** Run-file keys of every instance whose state file exists (any name, any port); not checked for liveness. */
export function recordedInstanceKeys(): string[] {
  try {
    return readdirSync(keycloakPaths().runDir)
      .filter((file) => file.endsWith('.json'))
      .map((file) => file.slice(0, -'.json'.length));
  } catch {
    return [];
  }
}

/** Like findLiveState, but also removes stale run files; call only while holding the instance lock. */
export function liveState(key: string): InstanceState | undefined {
  const state = findLiveState(key);
  if (!state) clearState(key);
  return state;
}
