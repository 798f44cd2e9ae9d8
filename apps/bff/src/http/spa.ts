import { existsSync } from 'node:fs';
import path from 'node:path';
import compression from 'compression';
import express, { Router } from 'express';

/** Serves the built SPA from the same origin; every other GET that is not the API gets index.html. */
export function spaRoutes(distDir: string): Router {
  const router = Router();
  const indexFile = path.join(distDir, 'index.html');
  if (!existsSync(indexFile)) return router;
  // The built assets travel compressed (the API's small JSON answers are left as they are).
  router.use(compression());
  router.use('/assets', express.static(path.join(distDir, 'assets'), { immutable: true, maxAge: '365d', index: false }));
  router.use(express.static(distDir, { index: false, maxAge: '1h' }));
  router.get('/{*path}', (_req, res) => {
    res.set('Cache-Control', 'no-cache').sendFile(indexFile);
  });
  return router;
}
