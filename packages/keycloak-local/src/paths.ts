import path from 'node:path';
import { KEYCLOAK_VERSION } from './versions.ts';

export const packageRoot = path.resolve(import.meta.dirname, '..');
export const repoRoot = path.resolve(packageRoot, '..', '..');
export const realmFile = path.join(packageRoot, 'realm', 'demo-realm.json');

/** SESSION_DESK_CACHE_DIR replaces the repo's git-ignored `.cache/`; Keycloak lives in its `keycloak/` subfolder. */
export function cacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  const override = env['SESSION_DESK_CACHE_DIR'];
  return override ? path.resolve(override) : path.join(repoRoot, '.cache');
}

export interface KeycloakPaths {
  cacheDir: string;
  zipFile: string;
  distDir: string;
  kcScript: string;
  importDir: string;
  buildStamp: string;
  runDir: string;
}

export function keycloakPaths(env: NodeJS.ProcessEnv = process.env): KeycloakPaths {
  const cacheDir = path.join(cacheRoot(env), 'keycloak');
  const distDir = path.join(cacheDir, `keycloak-${KEYCLOAK_VERSION}`);
  return {
    cacheDir,
    zipFile: path.join(cacheDir, `keycloak-quarkus-dist-${KEYCLOAK_VERSION}.zip`),
    distDir,
    kcScript: path.join(distDir, 'bin', 'kc.sh'),
    importDir: path.join(distDir, 'data', 'import'),
    buildStamp: path.join(distDir, '.session-desk-build.json'),
    runDir: path.join(cacheDir, 'run'),
  };
}

export interface RunFiles {
  pidFile: string;
  logFile: string;
  stateFile: string;
  lockFile: string;
}

export function runFiles(name: string, env: NodeJS.ProcessEnv = process.env): RunFiles {
  const { runDir } = keycloakPaths(env);
  return {
    pidFile: path.join(runDir, `${name}.pid`),
    logFile: path.join(runDir, `${name}.log`),
    stateFile: path.join(runDir, `${name}.json`),
    lockFile: path.join(runDir, `${name}.lock`),
  };
}
