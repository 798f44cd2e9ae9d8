import session from 'express-session';
import type { RequestHandler } from 'express';
import type { Config } from '../config.js';

export function sessionMiddleware(config: Config, store: session.Store): RequestHandler {
  return session({
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
}
