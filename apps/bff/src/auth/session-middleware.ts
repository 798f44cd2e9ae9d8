import session from 'express-session';
import type { RequestHandler } from 'express';
import type { Config } from '../config.js';
import { serviceUnavailable } from '../http/errors.js';

/** The store failing (Redis down) answers a clear 503 instead of a 500, and nothing else runs. */
export const storeUnavailable = (cause: unknown) =>
  serviceUnavailable('session_store_unavailable', 'Session Desk cannot reach its session store right now. Try again in a moment.', cause);

export function sessionMiddleware(config: Config, store: session.Store): RequestHandler {
  const handler = session({
    name: config.session.cookieName,
    secret: config.session.secret,
    store,
    resave: false,
    saveUninitialized: false,
    rolling: true,
    unset: 'destroy',
    proxy: config.trustProxy !== undefined,
    cookie: {
      httpOnly: true,
      // Lax, not Strict: the return from Keycloak is a cross-site navigation that must carry the cookie.
      sameSite: 'lax',
      secure: config.secureCookies,
      path: '/',
      maxAge: config.session.idleMs,
    },
  });
  return (req, res, next) => handler(req, res, (err?: unknown) => (err ? next(storeUnavailable(err)) : next()));
}
