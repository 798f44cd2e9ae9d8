import express, { Router } from 'express';
import type session from 'express-session';
import type { LogoutTokenVerifier } from '../keycloak/logout-token.js';
import { mapKeycloakError } from '../keycloak/errors.js';
import { sidKey, subKey, type OperatorSessionIndex } from './operator-session-index.js';
import { storeUnavailable } from './session-middleware.js';

const destroySession = (store: session.Store, id: string) =>
  new Promise<void>((resolve, reject) => store.destroy(id, (err?: unknown) => (err ? reject(storeUnavailable(err)) : resolve())));

/**
 * POST /auth/backchannel-logout: Keycloak's back-channel logout (OIDC Back-Channel Logout 1.0).
 * Keycloak sends `logout_token` form-encoded; a valid token ends every console session of that
 * Keycloak session (`sid`), or of that user (`sub`) when the token names no session, on every
 * instance that shares the session store. Answers 200 with no body, 400 JSON for an invalid token.
 * Server to server: no cookie and no anti-forgery header are involved (the signature is the proof).
 */
export function backchannelLogoutRoutes(verifier: LogoutTokenVerifier, index: OperatorSessionIndex, store: session.Store): Router {
  const router = Router();
  router.post('/backchannel-logout', express.urlencoded({ extended: false, limit: 16_384, parameterLimit: 10 }), async (req, res) => {
    const body: unknown = req.body;
    const token = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).logout_token : undefined;
    const subject = await verifier.verify(token).catch((err: unknown) => {
      throw mapKeycloakError(err);
    });
    const key = subject.sid ? sidKey(subject.sid) : subKey(subject.sub ?? '');
    const consoleSessions = await index.take(key).catch((err: unknown) => {
      throw storeUnavailable(err);
    });
    await Promise.all(consoleSessions.map((id) => destroySession(store, id)));
    req.log?.info({ sid: subject.sid, sub: subject.sub, ended: consoleSessions.length }, 'back-channel logout from Keycloak');
    res.set('Cache-Control', 'no-store').status(200).end();
  });
  return router;
}
