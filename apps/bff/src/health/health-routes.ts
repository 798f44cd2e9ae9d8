import { Router, type RequestHandler } from 'express';
import type { HealthResponse, ReadinessResponse, ReadyResponse } from '@session-desk/contracts';
import type { KeycloakGateway } from '../keycloak/admin-gateway.js';
import type { EndpointPolicy } from '../policy/endpoint-policy.js';
import { noQuery } from '../http/parse.js';

/**
 * Keycloak's readiness, single flight: callers that arrive while a check runs share its answer, so
 * a burst of probes costs one check toward Keycloak (and never fills the queue operators use). Each
 * caller waits at most `deadlineMs` (READINESS_TIMEOUT_MS): a Keycloak that hangs reads as not
 * ready then, well inside a load balancer's probe timeout, where the check itself would take
 * KEYCLOAK_TIMEOUT_MS per call. The check goes on, and a later caller shares it.
 */
export function sharedReadiness(keycloak: Pick<KeycloakGateway, 'readiness'>, deadlineMs: number): () => Promise<ReadinessResponse> {
  let running: Promise<ReadinessResponse> | undefined;
  return () => {
    running ??= keycloak.readiness().finally(() => {
      running = undefined;
    });
    return withinDeadline(running, deadlineMs);
  };
}

function withinDeadline(check: Promise<ReadinessResponse>, deadlineMs: number): Promise<ReadinessResponse> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<ReadinessResponse>((resolve) => {
    timer = setTimeout(() => {
      const message = `Keycloak did not answer within ${deadlineMs} ms (READINESS_TIMEOUT_MS)`;
      resolve({ status: 'not_ready', checks: { keycloak: { ok: false, message }, serviceAccount: { ok: false, message: 'not checked: Keycloak did not answer in time' } } });
    }, deadlineMs);
  });
  return Promise.race([check, late]).finally(() => clearTimeout(timer));
}

/**
 * /healthz (the process is up) and /readyz (it can serve: Keycloak and the service account answer).
 * Both are anonymous, so /readyz says only ready or not; what each check found is for admins
 * (GET /api/admin/health) and for the metrics port.
 */
export function healthRoutes(readiness: () => Promise<ReadinessResponse>, anonymousLimit: RequestHandler): Router {
  const router = Router();
  const startedAt = Date.now();

  router.get('/healthz', (_req, res) => {
    const body: HealthResponse = { status: 'ok', uptimeSeconds: Math.round((Date.now() - startedAt) / 1000) };
    res.json(body);
  });

  router.get('/readyz', anonymousLimit, async (_req, res) => {
    const { status } = await readiness();
    const body: ReadyResponse = { status };
    res.status(status === 'ready' ? 200 : 503).set('Cache-Control', 'no-store').json(body);
  });

  return router;
}

/** GET /api/admin/health: every readiness check with its finding (permission `health:read`, admins). */
export function adminHealthRoutes(readiness: () => Promise<ReadinessResponse>, { reads }: EndpointPolicy): Router {
  const router = Router();
  router.get('/health', reads('health:read'), noQuery, async (_req, res) => {
    const body = await readiness();
    res.status(body.status === 'ready' ? 200 : 503).json(body);
  });
  return router;
}
