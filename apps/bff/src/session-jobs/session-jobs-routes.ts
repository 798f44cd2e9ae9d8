import { Router, type Request, type RequestHandler } from 'express';
import { jobIdSchema, sessionJobRequestSchema } from '@session-desk/contracts';
import { auditActorFrom } from '../audit/audit-actor.js';
import { currentOperator } from '../auth/require-operator.js';
import { jsonBody } from '../http/json-body.js';
import { parse, noQuery } from '../http/parse.js';
import { inRealm } from '../http/realm-route.js';
import { actionOf, type EndpointPolicy } from '../policy/endpoint-policy.js';
import type { BulkJobs } from './session-jobs-service.js';

/** A filter (every matching session) needs more than chosen sessions. */
const hasFilter = (body: unknown) => typeof body === 'object' && body !== null && 'filter' in body && body.filter !== undefined;

/**
 * POST /api/realms/:realm/session-jobs (mounted under /realms, ahead of the API's own body parser):
 * the route carries its own large body limit (10,000 session ids are about 510 KB of JSON) and its
 * rate limit, so they follow the route wherever it is mapped.
 */
export function sessionJobStartRoutes(jobs: BulkJobs, { acts }: EndpointPolicy, route: { bodyLimitBytes: number; rateLimit: RequestHandler }): Router {
  const router = Router();
  router.post(
    '/:realm/session-jobs',
    route.rateLimit,
    ...jsonBody(route.bodyLimitBytes),
    acts((req) => (hasFilter(req.body) ? 'bulk:end-all-matching' : 'bulk:end')),
    inRealm(
      (realm, req) =>
        // A client gone before the job could start (the browser closed, or gave up waiting on a slow Keycloak)
        // gets no job: nobody would see it start, or could cancel it.
        jobs.start(actionOf(req), realm, { ...parse(sessionJobRequestSchema, req.body, 'request body'), stillWanted: () => !req.socket.destroyed }),
      202,
    ),
  );
  return router;
}

/** GET /api/session-jobs/:jobId and POST /api/session-jobs/:jobId/cancel. */
export function sessionJobRoutes(jobs: BulkJobs, { reads, guards }: EndpointPolicy): Router {
  const router = Router();
  router.get('/:jobId', reads('bulk:end'), noQuery, async (req, res) => {
    res.json(await jobs.get(currentOperator(req), parse(jobIdSchema, req.params.jobId, 'job id')));
  });
  const recordRefusedCancel = async (req: Request, why: string) => {
    const jobId = jobIdSchema.safeParse(req.params.jobId);
    if (jobId.success) await jobs.recordRefusedCancel(auditActorFrom(req), jobId.data, why);
  };
  router.post('/:jobId/cancel', guards('bulk:end', recordRefusedCancel), async (req, res) => {
    res.json(await jobs.cancel(currentOperator(req), auditActorFrom(req), parse(jobIdSchema, req.params.jobId, 'job id')));
  });
  return router;
}
