import { isUtf8 } from 'node:buffer';
import express, { type RequestHandler } from 'express';
import { HttpError } from './errors.js';

/**
 * The `charset` parameter of a Content-Type header, lower-cased; undefined when there is none, and
 * `''` (refused) when there are several: which one a reader honours is its own choice.
 */
function charsetOf(contentType: string | undefined): string | undefined {
  const found = [...(contentType ?? '').matchAll(/;\s*charset\s*=\s*"?([^";\s]*)/gi)].map((match) => (match[1] ?? '').toLowerCase());
  return found.length > 1 ? '' : found[0];
}

/**
 * Request bodies are JSON of bounded size, in UTF-8 (RFC 8259 §8.1: JSON exchanged between systems is
 * UTF-8; the body parser would also decode UTF-16 and UTF-32). A body of another type or charset answers 415, a body over the
 * limit 413 (through the body parser's own error, mapped by the error handler), bytes that are not valid UTF-8 400
 * `invalid_utf8`. A route that
 * needs a larger limit mounts its own `jsonBody` ahead of the API's: a body is parsed only once.
 */
export function jsonBody(limitBytes: number): RequestHandler[] {
  const requireJson: RequestHandler = (req, _res, next) => {
    const hasBody = Number(req.get('content-length') ?? 0) > 0 || req.get('transfer-encoding') !== undefined;
    if (hasBody && !req.is('application/json')) {
      return next(new HttpError(415, 'unsupported_media_type', 'Request bodies must be JSON (Content-Type: application/json).'));
    }
    const charset = charsetOf(req.get('content-type'));
    if (hasBody && charset !== undefined && charset !== 'utf-8') {
      return next(new HttpError(415, 'unsupported_media_type', 'Request bodies must be UTF-8 JSON (Content-Type: application/json; charset=utf-8).'));
    }
    next();
  };
  // The parser would decode invalid UTF-8 with U+FFFD in place of each bad byte, so a reason the operator
  // never wrote would be audited: the body is refused whole instead (after decompression, before parsing).
  const parseJson = express.json({
    limit: limitBytes,
    strict: true,
    verify: (_req, _res, body) => {
      if (!isUtf8(body)) throw new HttpError(400, 'invalid_utf8', 'The request body is not valid UTF-8.');
    },
  });
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
