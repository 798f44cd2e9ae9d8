import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { ApiError } from '@session-desk/contracts';
import { HttpError } from './errors.js';

interface BodyParserError {
  type?: string;
  status?: number;
}

function fromBodyParser(err: unknown): HttpError | undefined {
  if (typeof err !== 'object' || err === null || !('type' in err)) return undefined;
  const { type, status } = err as BodyParserError;
  if (type === 'entity.too.large') return new HttpError(413, 'payload_too_large', 'The request body is too large.');
  if (type === 'entity.verify.failed' && err instanceof HttpError) return err;
  if (type === 'entity.parse.failed') {
    // The parser takes only an object or array (strict): `null`, `"text"` or `123` are JSON, of the wrong shape.
    const message = isJsonText((err as { body?: unknown }).body) ? 'The request body must be a JSON object.' : 'The request body is not valid JSON.';
    return new HttpError(400, 'bad_request', message);
  }
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') {
    return new HttpError(415, 'unsupported_media_type', 'The request body encoding is not supported.');
  }
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new HttpError(status, 'bad_request', 'The request could not be read.');
  }
  return undefined;
}

function isJsonText(body: unknown): boolean {
  if (typeof body !== 'string') return false;
  try {
    JSON.parse(body);
    return true;
  } catch {
    return false;
  }
}

/** Express's router throws a URIError with status 400 when a path parameter is not valid percent-encoding (`%E0%A4%A`). */
function fromRouter(err: unknown): HttpError | undefined {
  if (!(err instanceof URIError) || (err as URIError & { status?: unknown }).status !== 400) return undefined;
  return new HttpError(400, 'bad_request', 'The request path is not valid percent-encoding.');
}

/** The one place where errors become HTTP answers: `{error, message, requestId}` JSON. */
export const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  const known = err instanceof HttpError ? err : (fromBodyParser(err) ?? fromRouter(err));
  const httpError = known ?? new HttpError(500, 'internal', 'Something went wrong on our side. Try again, and quote the request id if it keeps happening.');
  if (httpError.status >= 500) {
    req.log?.error({ err }, 'request failed');
  } else if (httpError.status !== 429) {
    req.log?.info({ code: httpError.code, status: httpError.status }, httpError.message);
  }
  if (res.headersSent) return;
  const body: ApiError = { error: httpError.code, message: httpError.message, requestId: String(req.id ?? '') };
  res.status(httpError.status).set(httpError.headers).json(body);
};

/** Unknown /api or /auth paths answer JSON, not the SPA. */
export const notFoundHandler: RequestHandler = (req, _res, next) => {
  // originalUrl: the path as asked (`/api/realms/x`), not as the mounted router sees it (`/realms/x`).
  const asked = req.originalUrl.split('?')[0] ?? req.path;
  next(new HttpError(404, 'not_found', `No such endpoint: ${req.method} ${asked.slice(0, 200)}`));
};
