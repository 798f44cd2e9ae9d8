import express, { Router, type RequestHandler } from 'express';
import type session from 'express-session';
import { HttpError } from '../http/errors.js';
import { LOGOUT_TOKEN_MAX_AGE_SECONDS, type LogoutTokenVerifier } from '../keycloak/logout-token.js';
import { mapKeycloakError } from '../keycloak/errors.js';
import { sidKey, subKey, type OperatorSessionIndex } from './operator-session-index.js';
import { storeUnavailable } from './session-middleware.js';

const promised = <T>(run: (callback: (err: unknown, value?: T) => void) => void) =>
  new Promise<T | undefined>((resolve, reject) => run((err, value) => (err ? reject(storeUnavailable(err)) : resolve(value))));

/**
 * POST /auth/backchannel-logout: Keycloak's back-channel logout (OIDC Back-Channel Logout 1.0).
 * Keycloak sends `logout_token` form-encoded. A valid token, used once (its `jti` is remembered),
 * ends every console session of that Keycloak session (`sid`); a token without `sid` ends the
 * user's (`sub`) console sessions that began before the token was issued. Works on every instance
 * that shares the session store. Answers 200 with no body, 400 JSON for an invalid or replayed
 * token. Server to server: no cookie and no anti-forgery header (the signature is the proof); only
 * failed attempts count toward `failedAttemptsLimit`.
 */
export function backchannelLogoutRoutes(
  verifier: LogoutTokenVerifier,
  index: OperatorSessionIndex,
  store: session.Store,
  failedAttemptsLimit: RequestHandler,
): Router {
  const router = Router();
  router.post('/backchannel-logout', failedAttemptsLimit, express.urlencoded({ extended: false, limit: 16_384, parameterLimit: 10 }), async (req, res) => {
    const body: unknown = req.body;
    const token = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).logout_token : undefined;
    const subject = await verifier.verify(token).catch((err: unknown) => {
      throw mapKeycloakError(err);
    });
    const fresh = await index.firstUse(subject.jti, LOGOUT_TOKEN_MAX_AGE_SECONDS * 1000).catch((err: unknown) => {
      throw storeUnavailable(err);
    });
    if (!fresh) throw new HttpError(400, 'bad_request', 'Invalid logout token: it was used before.');

    const key = subject.sid ? sidKey(subject.sid) : subKey(subject.sub ?? '');
    const candidates = await index.take(key).catch((err: unknown) => {
      throw storeUnavailable(err);
    });
    let ended = 0;
    for (const id of candidates) {
      const data = await promised<session.SessionData | null>((done) => store.get(id, done));
      // A user-wide logout does not reach forward in time: a console session begun after the token's
      // issue (in whole seconds, so after the end of that second) stays.
      const startedAfter = !subject.sid && (data?.signedInAt ?? 0) >= (subject.iat + 1) * 1000;
      if (startedAfter) {
        await index.add([key], id, Math.max(1, (data?.absoluteExpiresAt ?? 0) - Date.now())).catch(() => undefined);
        continue;
      }
      await promised<void>((done) => store.destroy(id, done));
      if (data) ended += 1;
    }
    req.log?.info({ sid: subject.sid, sub: subject.sub, ended }, 'back-channel logout from Keycloak');
    res.set('Cache-Control', 'no-store').status(200).end();
  });
  return router;
}
