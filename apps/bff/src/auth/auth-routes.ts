import { Router, type Request } from 'express';
import * as oidc from 'openid-client';
import type { LogoutResponse } from '@session-desk/contracts';
import type { Config } from '../config.js';
import { HttpError } from '../http/errors.js';
import type { KeycloakGateway } from '../keycloak/admin-gateway.js';
import { mapKeycloakError } from '../keycloak/errors.js';
import type { OidcProvider } from '../keycloak/oidc-provider.js';
import { operatorFromTokens } from './operator.js';
import { safeReturnTo } from './return-to.js';
import { storeUnavailable } from './session-middleware.js';
import { LOGIN_ATTEMPT_TTL_SECONDS, type LoginStateCookie } from './login-state.js';
import { sidKey, subKey, type OperatorSessionIndex } from './operator-session-index.js';


const settle = (resolve: () => void, reject: (err: unknown) => void) => (err: unknown) => (err ? reject(storeUnavailable(err)) : resolve());
const regenerate = (req: Request) => new Promise<void>((resolve, reject) => req.session.regenerate(settle(resolve, reject)));
const save = (req: Request) => new Promise<void>((resolve, reject) => req.session.save(settle(resolve, reject)));
const destroy = (req: Request) => new Promise<void>((resolve, reject) => req.session.destroy(settle(resolve, reject)));

function signInRejected(message: string) {
  return new HttpError(400, 'bad_request', message);
}

export interface AuthRouteDependencies {
  config: Config;
  oidc: OidcProvider;
  keycloak: KeycloakGateway;
  loginState: LoginStateCookie;
  operatorSessions: OperatorSessionIndex;
}

/** Operator sign-in (authorization code + PKCE), callback and sign-out. */
export function authRoutes({ config, oidc: oidcProvider, keycloak, loginState, operatorSessions }: AuthRouteDependencies): Router {
  const router = Router();

  router.get('/login', async (req, res) => {
    const returnTo = safeReturnTo(req.query.returnTo, config.publicUrl);
    const client = await oidcProvider.operatorClient();
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    // Nothing is stored on the server for a visitor who has not signed in yet.
    await loginState.set(res, { state, nonce, codeVerifier, returnTo, startedAt: Date.now() });
    const url = oidc.buildAuthorizationUrl(client, {
      redirect_uri: config.oidc.redirectUri,
      scope: 'openid profile email',
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    res.redirect(302, url.href);
  });

  router.get('/callback', async (req, res) => {
    const login = await loginState.read(req);
    // One attempt per login: a replayed or forged callback finds nothing to complete.
    loginState.clear(res);
    if (!login || Date.now() - login.startedAt > LOGIN_ATTEMPT_TTL_SECONDS * 1000) {
      throw signInRejected('This sign-in was not started here or has expired. Start again from the console.');
    }
    if (typeof req.query.error === 'string') {
      throw signInRejected(`Keycloak did not sign you in (${req.query.error.slice(0, 100)}).`);
    }
    const client = await oidcProvider.operatorClient();
    let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
    try {
      tokens = await oidc.authorizationCodeGrant(client, new URL(req.originalUrl, config.publicUrl), {
        pkceCodeVerifier: login.codeVerifier,
        expectedState: login.state,
        expectedNonce: login.nonce,
        idTokenExpected: true,
      });
    } catch (err) {
      if (err instanceof oidc.AuthorizationResponseError || err instanceof oidc.ResponseBodyError || err instanceof oidc.ClientError) {
        req.log.info({ reason: err.message }, 'sign-in callback rejected');
        throw signInRejected('The sign-in could not be completed (it may have been used already). Start again from the console.');
      }
      throw mapKeycloakError(err);
    }
    const claims = tokens.claims();
    if (!claims) throw signInRejected('Keycloak returned no ID token.');
    const operator = operatorFromTokens(claims, tokens.access_token, config.oidc.clientId, config.keycloak.realm);
    if (operator.roles.length === 0) {
      if (tokens.refresh_token) await keycloak.endOperatorSession(tokens.refresh_token).catch(() => false);
      req.log.info({ operatorId: operator.id }, 'sign-in refused: no console role');
      res.redirect(302, '/signed-out?reason=no-role');
      return;
    }
    await regenerate(req);
    const now = Date.now();
    req.session.operator = operator;
    req.session.tokens = { accessToken: tokens.access_token, refreshToken: tokens.refresh_token, idToken: tokens.id_token };
    const keycloakSessionId = typeof claims.sid === 'string' ? claims.sid : undefined;
    req.session.keycloakSessionId = keycloakSessionId;
    req.session.signedInAt = now;
    req.session.checkedAt = now;
    req.session.absoluteExpiresAt = now + config.session.absoluteMs;
    await save(req);
    // Back-channel logout from Keycloak finds this console session by its Keycloak session or user.
    await operatorSessions
      .add([...(keycloakSessionId ? [sidKey(keycloakSessionId)] : []), subKey(operator.id)], req.sessionID, config.session.absoluteMs)
      .catch((err: unknown) => {
        throw storeUnavailable(err);
      });
    req.log.info({ operatorId: operator.id, roles: operator.roles }, 'operator signed in');
    res.redirect(302, login.returnTo);
  });

  router.post('/logout', async (req, res) => {
    const refreshToken = req.session.tokens?.refreshToken;
    let keycloakSessionEnded = false;
    if (refreshToken) {
      keycloakSessionEnded = await keycloak.endOperatorSession(refreshToken).catch((err: unknown) => {
        req.log.warn({ err: mapKeycloakError(err).message }, 'could not end the Keycloak session at sign-out');
        return false;
      });
    }
    if (req.session.operator) req.log.info({ operatorId: req.session.operator.id }, 'operator signed out');
    await destroy(req);
    res.clearCookie(config.session.cookieName, { httpOnly: true, sameSite: 'lax', secure: config.secureCookies, path: '/' });
    const body: LogoutResponse = { redirectTo: '/signed-out', keycloakSessionEnded };
    res.json(body);
  });

  return router;
}
