import session from 'express-session';
import type { RequestHandler } from 'express';
import type { Config } from '../config.js';
import { serviceUnavailable } from '../http/errors.js';

/** The store failing (Redis down) answers a clear 503 instead of a 500, and nothing else runs. */
export const storeUnavailable = (cause: unknown) =>
  serviceUnavailable('session_store_unavailable', 'Session Desk cannot reach its session store right now. Try again in a moment.', cause);

/**
 * The console session's idle expiry moves forward at most this often (ms): on a request at least
 * this long after the last move the session is saved with a fresh cookie; other requests write
 * nothing (no store write, no Set-Cookie). The idle timeout thus ends between `idleMs` minus this
 * and `idleMs` after the last request.
 */
export function idleRollEveryMs(idleMs: number): number {
  return Math.min(60_000, Math.floor(idleMs / 10));
}

/** Moves the idle expiry of a signed-in session forward when the last move is `everyMs` old. */
function rollIdleExpiry(data: session.Session & Partial<session.SessionData>, everyMs: number): void {
  if (!data.operator) return;
  const now = Date.now();
  if (now - (data.rolledAt ?? 0) < everyMs) return;
  // A change to the session: express-session saves it and sends the cookie with the new expiry.
  data.rolledAt = now;
  data.touch();
}

export function sessionMiddleware(config: Config, store: session.Store): RequestHandler {
  const rollEveryMs = idleRollEveryMs(config.session.idleMs);
  const handler = session({
    name: config.session.cookieName,
    secret: config.session.secret,
    store,
    resave: false,
    saveUninitialized: false,
    rolling: false,
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
  return (req, res, next) =>
    handler(req, res, (err?: unknown) => {
      if (err) return next(storeUnavailable(err));
      if (req.session) rollIdleExpiry(req.session, rollEveryMs);
      next();
    });
}
