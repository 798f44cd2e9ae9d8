import { Router } from 'express';
import type { HealthResponse } from '@session-desk/contracts';
import type { KeycloakGateway } from '../keycloak/admin-gateway.js';

export function healthRoutes(keycloak: KeycloakGateway): Router {
  const router = Router();
  const startedAt = Date.now();

  router.get('/healthz', (_req, res) => {
    const body: HealthResponse = { status: 'ok', uptimeSeconds: Math.round((Date.now() - startedAt) / 1000) };
    res.json(body);
  });

  router.get('/readyz', async (_req, res) => {
    const readiness = await keycloak.readiness();
    res.status(readiness.status === 'ready' ? 200 : 503).json(readiness);
  });

  return router;
}
