import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pino, type Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import type { Config } from './config.js';

/** Never log a token, a secret or a cookie, wherever it appears. */
const redact = [
  'req.headers.cookie',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
  '*.accessToken',
  '*.refreshToken',
  '*.idToken',
  '*.access_token',
  '*.refresh_token',
  '*.id_token',
  '*.client_secret',
  '*.password',
];

/**
 * The process logger, writing JSON lines to stdout asynchronously: each line is written by the thread pool
 * off the request path instead of one blocking write per request line. pino flushes
 * the buffer synchronously when the process exits, so the last lines are not lost.
 */
export function createLogger(config: Pick<Config, 'logLevel'>): Logger {
  return pino({ level: config.logLevel, redact, base: { service: 'session-desk-bff' } }, pino.destination({ dest: 1, sync: false }));
}

/** A caller's own correlation id is logged beside ours, trimmed to printable ASCII and 64 characters; it is never our request id. */
const CORRELATION_ID_MAX = 64;

export function correlationIdOf(req: IncomingMessage): string | undefined {
  const incoming = req.headers['x-request-id'];
  if (typeof incoming !== 'string') return undefined;
  const cleaned = incoming.replace(/[^\x21-\x7E]/g, '').slice(0, CORRELATION_ID_MAX);
  return cleaned.length > 0 ? cleaned : undefined;
}

export function httpLogger(logger: Logger) {
  return pinoHttp({
    logger,
    // Generated here, always: the request id is stored in the hash-chained audit trail.
    genReqId: (_req: IncomingMessage, res: ServerResponse) => {
      const id = randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    customProps: (req: IncomingMessage) => {
      const operatorId = (req as IncomingMessage & { session?: { operator?: { id: string } } }).session?.operator?.id;
      const correlationId = correlationIdOf(req);
      return { ...(operatorId ? { operatorId } : {}), ...(correlationId ? { correlationId } : {}) };
    },
    serializers: {
      req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url.split('?')[0] }),
      // The status is what matters; every response's security headers in every line drowned the rest.
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    autoLogging: { ignore: (req: IncomingMessage) => req.url === '/healthz' },
    // A flood that the rate limits turn away must not become a flood of log lines.
    customLogLevel: (_req: IncomingMessage, res: ServerResponse, err?: Error) =>
      res.statusCode === 429 ? 'silent' : err || res.statusCode >= 500 ? 'error' : 'info',
  });
}
