import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { root } from './context.ts';

export interface StackFloor {
  /** gzip (node:zlib, default level, as `measurePage` counts) of every JS and CSS file the page emits, bytes. */
  gzipBytes: number;
  files: Array<{ name: string; bytes: number; gzipBytes: number }>;
}

/**
 * The first load of the least page the SPA's stack can serve (`apps/web/stack-floor`: React 19 rendering
 * one TanStack Query result under one wouter route, styled by Tailwind), built by Vite with the SPA's own
 * plugins into a temporary folder. What the SPA's first load weighs above it is the console's own code.
 * @throws Error with Vite's output when the build fails.
 */
export function measureStackFloor(): StackFloor {
  const outDir = mkdtempSync(path.join(tmpdir(), 'sd-stack-floor-'));
  try {
    const web = path.join(root, 'apps', 'web');
    const built = spawnSync('npx', ['vite', 'build', '--config', 'stack-floor/vite.config.ts', '--outDir', outDir], { cwd: web, encoding: 'utf8' });
    if (built.status !== 0) throw new Error(`The stack-floor page did not build:\n${built.stdout}\n${built.stderr}`);
    const assets = path.join(outDir, 'assets');
    const files = readdirSync(assets)
      .filter((name) => name.endsWith('.js') || name.endsWith('.css'))
      .map((name) => {
        const body = readFileSync(path.join(assets, name));
        return { name, bytes: body.length, gzipBytes: gzipSync(body).length };
      });
    return { gzipBytes: files.reduce((sum, file) => sum + file.gzipBytes, 0), files };
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}
