import express, { type RequestHandler } from 'express';
import { HttpError } from './errors.js';

/**
 * Request bodies are JSON of bounded size. A body of another type answers 415, a body over the
 * limit 413 (through the body parser's own error, mapped by the error handler). A route that
 * needs a larger limit mounts its own `jsonBody` ahead of the API's: a body is parsed only once.
 */
export function jsonBody(limitBytes: number): RequestHandler[] {
  const requireJson: RequestHandler = (req, _res, next) => {
    const hasBody = Number(req.get('content-length') ?? 0) > 0 || req.get('transfer-encoding') !== undefined;
    if (hasBody && !req.is('application/json')) {
      return next(new HttpError(415, 'unsupported_media_type', 'Request bodies must be JSON (Content-Type: application/json).'));
    }
    next();
  };
  const parseJson = express.json({ limit: limitBytes, strict: true });
  // The parser's own errors carry a `type` the error handler maps; a body that fails to decompress
  // (Content-Encoding: gzip, deflate, br over garbage) arrives as the bare zlib error instead.
  const readJson: RequestHandler = (req, res, next) =>
    parseJson(req, res, (err?: unknown) => {
      if (typeof err === 'object' && err !== null && !('type' in err)) {
        return next(new HttpError(400, 'bad_request', 'The request body could not be decoded.', { cause: err }));
      }
      next(err);
    });
  return [requireJson, readJson];
}
