import type { RequestHandler } from 'express';
import { HttpError } from './errors.js';

/** An HTTP/1.1 request must name its Host (RFC 9112 §3.2): one that does not answers 400 in JSON. */
export const requireHost: RequestHandler = (req, _res, next) => {
  if (req.httpVersion === '1.1' && !req.headers.host) return next(new HttpError(400, 'bad_request', 'The request has no Host header.'));
  next();
};
