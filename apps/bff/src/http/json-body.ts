import express, { type RequestHandler } from 'express';
import { HttpError } from './errors.js';

/**
 * Request bodies are JSON of bounded size. A body of another type answers 415, a body over the
 * limit 413 (through the body parser's own error, mapped by the error handler).
 */
export function jsonBody(limitBytes: number): RequestHandler[] {
  const requireJson: RequestHandler = (req, _res, next) => {
    const hasBody = Number(req.get('content-length') ?? 0) > 0 || req.get('transfer-encoding') !== undefined;
    if (hasBody && !req.is('application/json')) {
      return next(new HttpError(415, 'unsupported_media_type', 'Request bodies must be JSON (Content-Type: application/json).'));
    }
    next();
  };
  return [requireJson, express.json({ limit: limitBytes, strict: true })];
}
