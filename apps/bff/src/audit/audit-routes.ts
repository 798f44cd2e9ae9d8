import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Router, type Request } from 'express';
import { auditExportQuerySchema, auditQuerySchema, type AuditListResponse, type AuditVerifyResponse } from '@session-desk/contracts';
import { currentOperator } from '../auth/require-operator.js';
import { parse, noQuery } from '../http/parse.js';
import type { EndpointPolicy } from '../policy/endpoint-policy.js';
import { hasPermission } from '../policy/permissions.js';
import { auditExport } from './audit-export.js';
import type { AuditFilter, AuditStore } from './audit-store.js';

/**
 * Auditors and admins read the whole trail; help-desk read only their own entries (the filter is
 * forced to their operator id on the server, whatever the query says).
 */
function scope(req: Request): Pick<AuditFilter, 'operatorId'> {
  const operator = currentOperator(req);
  return hasPermission(operator.roles, 'audit:read') ? {} : { operatorId: operator.id };
}

export function auditRoutes(store: AuditStore, { reads }: EndpointPolicy): Router {
  const router = Router();

  router.get('/', reads('audit:read', 'audit:read-own'), async (req, res) => {
    const own = scope(req);
    const query = parse(auditQuerySchema, req.query, 'audit query');
    const body: AuditListResponse = await store.query({ ...query, ...own });
    res.json(body);
  });

  router.get('/export', reads('audit:read', 'audit:read-own'), async (req, res) => {
    const own = scope(req);
    const { format, ...filter } = parse(auditExportQuerySchema, req.query, 'export query');
    const file = auditExport(format, store.stream({ ...filter, ...own }));
    res.set({ 'Content-Type': file.contentType, 'Content-Disposition': `attachment; filename="${file.fileName}"` });
    try {
      await pipeline(Readable.from(file.lines), res);
    } catch (err) {
      // Headers are gone once streaming started: the client sees a truncated download, never a fake end.
      req.log.error({ err }, 'audit export failed mid-stream');
      res.destroy();
    }
  });

  router.get('/verify', reads('audit:read'), noQuery, async (_req, res) => {
    const body: AuditVerifyResponse = await store.verify();
    res.status(200).json(body);
  });

  return router;
}
