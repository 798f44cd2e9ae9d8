import type { RequestHandler, Request, Response } from 'express';
import { ipKeyGenerator, MemoryStore, rateLimit, type Options, type RateLimitInfo, type Store } from 'express-rate-limit';
import type { Config } from '../config.js';
import { HttpError } from './errors.js';

/** Where the counters live: in this process by default, in Redis (shared by every instance) when REDIS_URL is set. */
export type RateLimitStoreFactory = (name: string) => Store | undefined;

export const memoryRateLimitStores: RateLimitStoreFactory = () => undefined;

export interface RateLimits {
  /** Per client IP: GET /auth/login and /auth/callback. */
  signIn: RequestHandler;
  /** Per client IP: anonymous routes (/readyz, and /api requests that carry no operator session). */
  anonymous: RequestHandler;
  /** Per operator: every state-changing /api request. */
  actions: RequestHandler;
  /** Per operator: requests the policy refuses (403); past the limit, every state-changing request waits. */
  refused: RequestHandler;
  /** Per operator: bulk jobs started (administrators are not limited). */
  jobs: RequestHandler;
  /** Per client IP: back-channel logout requests that fail (Keycloak's valid ones never count). */
  backchannelFailures: RequestHandler;
}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const operatorKey = (req: Request) => `operator:${req.session?.operator?.id ?? 'anonymous'}`;
const ipKey = (req: Request) => ipKeyGenerator(req.ip ?? 'unknown');

/**
 * The console's rate limits (express-rate-limit). Each answers 429 JSON `{error: 'rate_limited'}`
 * with `Retry-After` in seconds until the window resets. Limits come from RATE_LIMIT_* settings.
 */
export function createRateLimits(config: Config, stores: RateLimitStoreFactory): RateLimits {
  const limiter = (name: string, windowMs: number, limit: number, what: string, extra: Partial<Options> = {}): RequestHandler =>
    rateLimit({
      windowMs,
      limit,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      // Redis down: the session store answers 503 on its own; the limits do not add a second failure.
      passOnStoreError: true,
      store: stores(name),
      handler: (req, res, next) => next(tooMany(res, what, (req as Request & { rateLimit?: RateLimitInfo }).rateLimit?.resetTime, windowMs)),
      ...extra,
    });

  const { rateLimits: limits } = config;
  return {
    signIn: limiter('sign-in', MINUTE_MS, limits.signInPerMinute, 'sign-in attempts from this address', { keyGenerator: ipKey }),
    anonymous: limiter('anonymous', MINUTE_MS, limits.anonymousPerMinute, 'requests from this address', {
      keyGenerator: ipKey,
      skip: (req) => req.session?.operator !== undefined,
    }),
    actions: limiter('actions', MINUTE_MS, limits.actionsPerMinute, 'changes in a short time', {
      keyGenerator: operatorKey,
      skip: (req) => SAFE_METHODS.has(req.method),
    }),
    refused: refusalLimit(stores('refused') ?? new MemoryStore(), MINUTE_MS, limits.refusedPerMinute),
    jobs: limiter('jobs', HOUR_MS, limits.jobsPerHour, 'bulk jobs started in the last hour', {
      keyGenerator: operatorKey,
      skip: (req) => req.session?.operator?.roles.includes('admin') === true,
      // Only jobs that started count: a request refused as malformed, over the limit or forbidden starts none.
      skipFailedRequests: true,
    }),
    backchannelFailures: limiter('backchannel', MINUTE_MS, limits.backchannelFailuresPerMinute, 'invalid logout tokens from this address', {
      keyGenerator: ipKey,
      skipSuccessfulRequests: true,
    }),
  };
}

/**
 * Per operator: state-changing requests answered 403, counted when they are answered. Past `limit`
 * in `windowMs`, every state-changing request of the operator answers 429 (`Retry-After`) until the
 * window ends. Only refusals count, and only once answered: express-rate-limit counts a request when
 * it arrives and gives back a successful one when it ends, so an operator's concurrent legitimate
 * requests used up a limit meant for refusals. A burst of refusals in flight at once is bounded by the
 * `actions` limit, which counts every state-changing request on arrival. The counts live in `store`
 * (express-rate-limit's memory store, or Redis shared by every instance); a store that fails lets
 * requests through, as the other limits do.
 */
function refusalLimit(store: Store, windowMs: number, limit: number): RequestHandler {
  // The stores read only the window from the options they are given.
  void Promise.resolve(store.init?.({ windowMs } as Options)).catch(() => undefined);
  const hitsOf = (key: string) => Promise.resolve(store.get?.(key)).catch(() => undefined);
  const count = (key: string) => Promise.resolve(store.increment(key)).catch(() => undefined);
  return (req, res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const key = operatorKey(req);
    void hitsOf(key).then((info) => {
      if (info && info.totalHits >= limit) return next(tooMany(res, 'refused attempts', info.resetTime, windowMs));
      res.once('finish', () => {
        if (res.statusCode === 403) void count(key);
      });
      return next();
    });
  };
}

/** The 429 answer: `Retry-After` (seconds until `resetTime`, else the whole window) set on `res` and in the error. */
function tooMany(res: Response, what: string, resetTime: Date | undefined, windowMs: number): HttpError {
  const seconds = resetTime ? Math.max(1, Math.ceil((resetTime.getTime() - Date.now()) / 1000)) : Math.ceil(windowMs / 1000);
  res.set('Retry-After', String(seconds));
  return new HttpError(429, 'rate_limited', `Too many ${what}. Try again in ${seconds} s.`, { headers: { 'Retry-After': String(seconds) } });
}
