import { chmodSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { findExecutable } from './executables.ts';
import { runCommand } from './run-command.ts';

/** `jar` and Python's zipfile drop the executable bit that `unzip` keeps. */
function restoreScriptPermissions(root: string): void {
  for (const entry of readdirSync(root, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith('.sh')) chmodSync(path.join(entry.parentPath, entry.name), 0o755);
  }
}

export async function unpackZip(zipFile: string, targetDir: string): Promise<void> {
  const unzip = findExecutable('unzip');
  if (unzip) return runCommand(unzip, ['-q', zipFile, '-d', targetDir]);

  const jar = findExecutable('jar');
  const python = findExecutable('python3');
  if (jar) await runCommand(jar, ['xf', zipFile], { cwd: targetDir });
  else if (python) await runCommand(python, ['-m', 'zipfile', '-e', zipFile, targetDir]);
  else throw new Error('Unpacking Keycloak needs `unzip`: install it with `apt-get install -y unzip`.');
  restoreScriptPermissions(targetDir);
}
