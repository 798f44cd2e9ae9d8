import { copyFileSync, mkdirSync, renameSync } from 'node:fs';
import path from 'node:path';
import type { KeycloakPaths } from './paths.ts';
import { realmFile } from './paths.ts';

/** Copied at every start so the checked-in realm is what `--import-realm` sees; rename keeps a concurrent start from reading half a file. */
export function installRealmImport(paths: KeycloakPaths): string {
  mkdirSync(paths.importDir, { recursive: true });
  const target = path.join(paths.importDir, path.basename(realmFile));
  const temp = `${target}.${process.pid}.tmp`;
  copyFileSync(realmFile, temp);
  renameSync(temp, target);
  return target;
}
