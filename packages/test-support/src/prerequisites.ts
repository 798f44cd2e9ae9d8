import { accessSync, constants, readdirSync } from 'node:fs';
import path from 'node:path';

/** Where Debian's postgresql-<v> packages put their server binaries, off PATH. */
export const DEBIAN_POSTGRES_ROOT = '/usr/lib/postgresql';

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The absolute path of an executable `name`: first along `searchPath` (a PATH-style string), then in
 * each of `extraDirs` in order. `undefined` when none holds it.
 */
export function findExecutable(name: string, searchPath: string, extraDirs: readonly string[] = []): string | undefined {
  const dirs = [...searchPath.split(path.delimiter).filter(Boolean), ...extraDirs];
  return dirs.map((dir) => path.join(dir, name)).find(executable);
}

/** Debian's `/usr/lib/postgresql/<v>/bin` folders under `root`, newest major version first. */
export function debianPostgresBinDirs(root = DEBIAN_POSTGRES_ROOT): string[] {
  let versions: string[];
  try {
    versions = readdirSync(root);
  } catch {
    return [];
  }
  return versions
    .filter((version) => /^\d+(\.\d+)?$/.test(version))
    .sort((a, b) => Number(b) - Number(a))
    .map((version) => path.join(root, version, 'bin'));
}

/**
 * `initdb` and `postgres` from one installation: the PATH's `initdb` (with its sibling `postgres`,
 * else the PATH's), else Debian's newest `/usr/lib/postgresql/<v>/bin`. `undefined` when neither has both.
 */
export function findPostgresBinaries(
  searchPath: string,
  debianRoot = DEBIAN_POSTGRES_ROOT,
): { initdb: string; postgres: string } | undefined {
  const onPath = findExecutable('initdb', searchPath);
  if (onPath) {
    const postgres = findExecutable('postgres', path.dirname(onPath)) ?? findExecutable('postgres', searchPath);
    if (postgres) return { initdb: onPath, postgres };
  }
  for (const dir of debianPostgresBinDirs(debianRoot)) {
    const initdb = findExecutable('initdb', dir);
    const postgres = findExecutable('postgres', dir);
    if (initdb && postgres) return { initdb, postgres };
  }
  return undefined;
}

/** A test prerequisite that is missing, with how to get it. */
export interface MissingPrerequisite {
  suite: string;
  missing: string;
  install: string;
}

/** The message a run shows for a missing prerequisite; names the suite, the program and the fix. */
export function missingMessage({ suite, missing, install }: MissingPrerequisite): string {
  return `${suite}: ${missing} not found (install it: ${install}). Under CI=true this suite is required and never skips.`;
}

/**
 * Whether a suite with a prerequisite can run. `true` when `available`; when not: under CI (`ci`)
 * throws an Error with `missingMessage`, so the test file fails; elsewhere warns and returns `false`
 * (the caller skips).
 */
export function requirePrerequisite(available: boolean, missing: MissingPrerequisite, ci: boolean): boolean {
  if (available) return true;
  const message = missingMessage(missing);
  if (ci) throw new Error(message);
  console.warn(`[skipping] ${message}`);
  return false;
}

/** Whether this run is CI's: `CI` set to anything but empty, `0` or `false` (as GitHub, GitLab and `.ci/run` set it). */
export function isCi(value: string | undefined): boolean {
  return value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';
}

/** This process's CI flag and PATH, read once here for the test helpers. */
export const testRun = { ci: isCi(process.env.CI), path: process.env.PATH ?? '' };
