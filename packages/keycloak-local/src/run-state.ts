import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { InstanceName } from './instance-config.ts';
import { runFiles } from './paths.ts';
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

export function readState(name: InstanceName): InstanceState | undefined {
  const files = runFiles(name);
  try {
    const state: unknown = JSON.parse(readFileSync(files.stateFile, 'utf8'));
    const pid = Number.parseInt(readFileSync(files.pidFile, 'utf8'), 10);
    return isInstanceState(state) && state.pid === pid ? state : undefined;
  } catch {
    return undefined;
  }
}

export function writeState(state: InstanceState): void {
  const files = runFiles(state.name);
  writeAtomically(files.stateFile, `${JSON.stringify(state, null, 2)}\n`);
  writeAtomically(files.pidFile, `${state.pid}\n`);
}

export function clearState(name: InstanceName): void {
  const files = runFiles(name);
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
export function findLiveState(name: InstanceName): InstanceState | undefined {
  const state = readState(name);
  return state && isOurProcess(state) ? state : undefined;
}

/** Like findLiveState, but also removes stale run files; call only while holding the instance lock. */
export function liveState(name: InstanceName): InstanceState | undefined {
  const state = findLiveState(name);
  if (!state) clearState(name);
  return state;
}
