import { existsSync } from 'node:fs';
import path from 'node:path';
import compression from 'compression';
import express, { Router } from 'express';
import { HttpError } from './errors.js';

/** Serves the built SPA from the same origin; every other GET that is not the API gets index.html. */
export function spaRoutes(distDir: string): Router {
  const router = Router();
  const indexFile = path.join(distDir, 'index.html');
  if (!existsSync(indexFile)) return router;
  // The built assets travel compressed (the API's small JSON answers are left as they are).
  router.use(compression());
  router.use('/assets', express.static(path.join(distDir, 'assets'), { immutable: true, maxAge: '365d', index: false }));
  // An asset this build does not have (a tab still running the last deploy asks for its chunks) is a 404:
  // index.html in its place would be run as a script and fail with a syntax error.
  router.use('/assets', (req, _res, next) => next(new HttpError(404, 'not_found', `This build has no asset ${req.path}: reload the page.`)));
  router.use(express.static(distDir, { index: false, maxAge: '1h' }));
  router.get('/{*path}', (_req, res) => {
    res.set('Cache-Control', 'no-cache').sendFile(indexFile);
  });
  return router;
}
