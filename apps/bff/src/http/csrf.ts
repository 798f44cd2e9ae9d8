import type { RequestHandler } from 'express';
import { CSRF_HEADER, CSRF_HEADER_VALUE } from '@session-desk/contracts';
import { HttpError } from './errors.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Anti-forgery for state-changing requests (the Duende BFF pattern): a custom header that a
 * cross-site form or simple request cannot send, plus refusing any request whose Origin or
 * Sec-Fetch-Site says it came from another site. CORS stays closed, so no preflight can allow it.
 */
export function csrfProtection(publicOrigin: string, exempt: ReadonlySet<string> = new Set()): RequestHandler {
  return (req, _res, next) => {
    if (SAFE_METHODS.has(req.method) || exempt.has(req.path)) return next();
    const origin = req.get('origin');
    const fetchSite = req.get('sec-fetch-site');
    if ((origin && origin !== publicOrigin) || fetchSite === 'cross-site' || fetchSite === 'same-site') {
      return next(new HttpError(403, 'csrf_rejected', 'Cross-site requests are not allowed.'));
    }
    if (req.get(CSRF_HEADER) !== CSRF_HEADER_VALUE) {
      return next(new HttpError(403, 'csrf_rejected', `State-changing requests must carry the ${CSRF_HEADER} header.`));
    }
    next();
  };
}
