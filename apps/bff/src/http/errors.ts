import type { ErrorCode } from '@session-desk/contracts';

/** An error that knows its HTTP answer. Everything the error handler does not recognise becomes a 500. */
export class HttpError extends Error {
  override name = 'HttpError';
  readonly status: number;
  readonly code: ErrorCode;
  readonly headers: Record<string, string>;

  constructor(status: number, code: ErrorCode, message: string, options?: { cause?: unknown; headers?: Record<string, string> }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.status = status;
    this.code = code;
    this.headers = options?.headers ?? {};
  }
}

export const badRequest = (message: string) => new HttpError(400, 'bad_request', message);
export const unauthenticated = (message = 'Sign in to continue.') => new HttpError(401, 'unauthenticated', message);
export const forbidden = (message: string) => new HttpError(403, 'forbidden', message);

/** 503 for something the BFF depends on being down for now: the client may try again after 5 s (Retry-After). */
export const serviceUnavailable = (code: ErrorCode, message: string, cause?: unknown) => new HttpError(503, code, message, { cause, headers: { 'Retry-After': '5' } });
