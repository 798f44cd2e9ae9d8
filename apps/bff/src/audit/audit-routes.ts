import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Router, type Request } from 'express';
import { auditExportQuerySchema, auditQuerySchema, type AuditListResponse, type AuditVerifyResponse } from '@session-desk/contracts';
import { currentOperator } from '../auth/require-operator.js';
import { parse, noQuery } from '../http/parse.js';
import { confirmRead, type EndpointPolicy } from '../policy/endpoint-policy.js';
import { hasPermission } from '../policy/permissions.js';
import { decodeCursor } from './audit-cursor.js';
import { auditExport } from './audit-export.js';
import type { AuditFilter, AuditStore } from './audit-store.js';

/**
 * Auditors and admins read the whole trail; help-desk read only their own entries (the filter is
 * forced to their operator id on the server, whatever the query says). Decided with the roles
 * Keycloak grants at the request (`confirmRead` comes first).
 */
function scope(req: Request): Pick<AuditFilter, 'operatorId'> {
  const operator = currentOperator(req);
  return hasPermission(operator.roles, 'audit:read') ? {} : { operatorId: operator.id };
}

export function auditRoutes(store: AuditStore, { confirmedReads }: EndpointPolicy): Router {
  const router = Router();

  router.get('/', confirmedReads('audit:read', 'audit:read-own'), async (req, res) => {
    const query = parse(auditQuerySchema, req.query, 'audit query');
    // Every part of the input is checked before Keycloak is asked: the cursor too, which the store decodes.
    if (query.cursor !== undefined) decodeCursor(query.cursor);
    await confirmRead(req);
    const body: AuditListResponse = await store.query({ ...query, ...scope(req) });
    res.json(body);
  });

  router.get('/export', confirmedReads('audit:read', 'audit:read-own'), async (req, res) => {
    const { format, ...filter } = parse(auditExportQuerySchema, req.query, 'export query');
    await confirmRead(req);
    const file = auditExport(format, store.stream({ ...filter, ...scope(req) }));
    res.set({ 'Content-Type': file.contentType, 'Content-Disposition': `attachment; filename="${file.fileName}"` });
    try {
      await pipeline(Readable.from(file.lines), res);
    } catch (err) {
      // Headers are gone once streaming started: the client sees a truncated download, never a fake end.
      req.log.error({ err }, 'audit export failed mid-stream');
      res.destroy();
    }
  });

  router.get('/verify', confirmedReads('audit:read'), noQuery, async (req, res) => {
    await confirmRead(req);
    const body: AuditVerifyResponse = await store.verify();
    res.status(200).json(body);
  });

  return router;
}
