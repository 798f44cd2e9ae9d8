import express, { type Express, type RequestHandler } from 'express';
import type { ReadinessResponse } from '@session-desk/contracts';
import { httpRequests, registry } from './metrics.js';

/** Where the routers are mounted (Express has forgotten `baseUrl` by the time a response finishes). */
const MOUNTS = ['/api/realms', '/api/me/sessions', '/api/me', '/api/audit', '/api/session-jobs', '/api', '/auth'];

/** A bounded route label: the matched route pattern under its mount, never the raw path (ids, hostile input). */
export function routeLabel(path: string, routePattern: string | undefined): string {
  const mount = MOUNTS.find((candidate) => path === candidate || path.startsWith(`${candidate}/`));
  if (routePattern === undefined) return mount ?? (path === '/healthz' || path === '/readyz' ? path : 'other');
  const prefix = mount ?? '';
  return routePattern === '/' && prefix ? prefix : `${prefix}${routePattern}`;
}

/** Times every request under its route label. */
export const measureRequests: RequestHandler = (req, res, next) => {
  const stop = httpRequests.startTimer();
  const path = req.path;
  res.once('finish', () => {
    const pattern = req.route ? String(req.route.path) : undefined;
    stop({ route: routeLabel(path, pattern), method: req.method, status: String(res.statusCode) });
  });
  next();
};

/** The metrics endpoint, served on its own port bound to localhost (not on the public origin). */
export function createMetricsApp(readiness?: () => Promise<ReadinessResponse>): Express {
  const app = express();
  app.disable('x-powered-by');
  // What each readiness check found, for the machine's own monitoring (the public /readyz says only ready or not).
  if (readiness) {
    app.get('/readyz', async (_req, res) => {
      const body = await readiness();
      res.status(body.status === 'ready' ? 200 : 503).json(body);
    });
  }
  app.get('/metrics', async (_req, res) => {
    res.set('Content-Type', registry.contentType).send(await registry.metrics());
  });
  return app;
}
