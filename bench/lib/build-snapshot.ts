import { cpSync, existsSync, mkdirSync, mkdtempSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface BuildSnapshot {
  /** A root with apps/bff/dist/server.js that no build can change during the run. */
  root: string;
  /** When the copied apps/bff/dist/server.js was built. */
  builtAt: string;
}

/**
 * Copies the built BFF and SPA to a temporary root, so every BFF the bench starts runs the same
 * build even if someone rebuilds the checkout meanwhile. Dependencies resolve through symlinks to
 * the checkout's node_modules.
 */
export function snapshotBuild(sourceRoot: string): BuildSnapshot {
  const root = mkdtempSync(path.join(tmpdir(), 'sd-bench-build-'));
  const entry = path.join(sourceRoot, 'apps/bff/dist/server.js');
  const builtAt = statSync(entry).mtime.toISOString();
  mkdirSync(path.join(root, 'apps/bff'), { recursive: true });
  cpSync(path.join(sourceRoot, 'apps/bff/dist'), path.join(root, 'apps/bff/dist'), { recursive: true });
  cpSync(path.join(sourceRoot, 'apps/bff/package.json'), path.join(root, 'apps/bff/package.json'));
  if (existsSync(path.join(sourceRoot, 'apps/web/dist'))) {
    cpSync(path.join(sourceRoot, 'apps/web/dist'), path.join(root, 'apps/web/dist'), { recursive: true });
  }
  symlinkSync(path.join(sourceRoot, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  if (existsSync(path.join(sourceRoot, 'apps/bff/node_modules'))) {
    symlinkSync(path.join(sourceRoot, 'apps/bff/node_modules'), path.join(root, 'apps/bff/node_modules'), 'dir');
  }
  return { root, builtAt };
}
