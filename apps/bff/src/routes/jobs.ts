import { Router } from 'express';
import { jobIdSchema, realmNameSchema, sessionJobRequestSchema } from '@session-desk/contracts';
import { currentOperator } from '../auth/require-operator.js';
import { parse } from '../http/parse.js';
import type { BulkJobs } from '../sessions/bulk-jobs.js';
import { actionContext } from './action-context.js';

/** POST /api/realms/:realm/session-jobs (mounted under /realms). */
export function jobStartRoutes(jobs: BulkJobs): Router {
  const router = Router();
  router.post('/:realm/session-jobs', async (req, res) => {
    const realm = parse(realmNameSchema, req.params.realm, 'realm name');
    const body = parse(sessionJobRequestSchema, req.body, 'request body');
    res.status(202).json(await jobs.start(actionContext(req), realm, body));
  });
  return router;
}

/** GET /api/session-jobs/:jobId and POST /api/session-jobs/:jobId/cancel. */
export function jobRoutes(jobs: BulkJobs): Router {
  const router = Router();
  router.get('/:jobId', async (req, res) => {
    res.json(await jobs.get(currentOperator(req), parse(jobIdSchema, req.params.jobId, 'job id')));
  });
  router.post('/:jobId/cancel', async (req, res) => {
    res.json(await jobs.cancel(currentOperator(req), parse(jobIdSchema, req.params.jobId, 'job id')));
  });
  return router;
}
