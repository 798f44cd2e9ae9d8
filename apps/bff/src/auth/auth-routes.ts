import { Router, type Request, type RequestHandler, type Response } from 'express';
import * as oidc from 'openid-client';
import type { LogoutResponse, SignInProblem } from '@session-desk/contracts';
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

/**
 * The `error` codes of an authorization response: RFC 6749 §4.1.2.1 and OpenID Connect Core 1.0
 * §3.1.2.6. Only these are repeated in the answer to a callback that carries one.
 */
const AUTHORIZATION_ERROR_CODES: ReadonlySet<string> = new Set([
  'invalid_request', 'unauthorized_client', 'access_denied', 'unsupported_response_type', 'invalid_scope', 'server_error', 'temporarily_unavailable',
  'interaction_required', 'login_required', 'account_selection_required', 'consent_required', 'invalid_request_uri', 'invalid_request_object',
  'request_not_supported', 'request_uri_not_supported', 'registration_not_supported',
]);

/** A sign-in refused for a reason the signed-out page can name (400 bad_request for API clients). */
class SignInRejected extends HttpError {
  readonly problem: SignInProblem;
  constructor(problem: SignInProblem, message: string) {
    super(400, 'bad_request', message);
    this.problem = problem;
  }
}

/** What the signed-out page tells a browser whose sign-in failed with `err`; undefined for a fault of our own (a 500). */
function problemOf(err: unknown): SignInProblem | undefined {
  if (err instanceof SignInRejected) return err.problem;
  if (!(err instanceof HttpError)) return undefined;
  if (err.code === 'keycloak_unavailable' || err.code === 'keycloak_timeout' || err.code === 'keycloak_error') return 'keycloak-unavailable';
  if (err.code === 'session_store_unavailable') return 'store-unavailable';
  if (err.code === 'rate_limited') return 'too-many-sign-ins';
  return undefined;
}

/**
 * /auth/login and /auth/callback are where a browser navigates, and a JSON error there is a dead end:
 * a browser (one that prefers HTML) whose sign-in fails goes to the signed-out page, which says why
 * (`?reason=`, one of `signInProblems`) and offers to sign in again. Other clients keep the JSON error.
 */
function signInStep(handler: RequestHandler): RequestHandler {
  return async (req, res, next) => {
    try {
      await handler(req, res, next);
    } catch (err) {
      if (!sentToSignedOut(req, res, err)) throw err;
    }
  };
}

/** Redirects a browser whose sign-in step failed with `err` to the signed-out page; false (nothing sent) for other clients and other errors. */
function sentToSignedOut(req: Request, res: Response, err: unknown): boolean {
  const problem = problemOf(err);
  if (problem === undefined || req.accepts(['json', 'html']) !== 'html' || res.headersSent) return false;
  req.log.info({ problem, err: err instanceof Error ? err.message : String(err) }, 'sign-in ended on the signed-out page');
  res.redirect(302, `/signed-out?reason=${problem}`);
  return true;
}

/**
 * The sign-in rate limit (`RateLimits.signIn`) in front of /auth/login and /auth/callback: its 429 is
 * a dead end for a browser like any other sign-in failure, so a browser goes to the signed-out page
 * (`?reason=too-many-sign-ins`); other clients keep the 429 JSON with Retry-After.
 */
export function signInRateLimit(limit: RequestHandler): RequestHandler {
  return (req, res, next) => {
    void limit(req, res, (err?: unknown) => {
      if (err !== undefined && sentToSignedOut(req, res, err)) return;
      next(err);
    });
  };
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

  router.get('/login', signInStep(async (req, res) => {
    const returnTo = safeReturnTo(req.query.returnTo, config.publicUrl);
    const client = await oidcProvider.operatorClient();
    // The discovery above is kept from an earlier sign-in: without this, a browser would be sent on to a
    // Keycloak that does not answer and shown the browser's own connection error.
    await oidcProvider.reachable(config.keycloak.readinessTimeoutMs);
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
  }));

  router.get('/callback', signInStep(async (req, res) => {
    const login = await loginState.read(req);
    // One attempt per login: a replayed or forged callback finds nothing to complete.
    loginState.clear(res);
    if (!login || Date.now() - login.startedAt > LOGIN_ATTEMPT_TTL_SECONDS * 1000) {
      throw new SignInRejected('sign-in-expired', 'This sign-in was not started here or has expired. Start again from the console.');
    }
    if (typeof req.query.error === 'string') {
      const problem = req.query.error === 'access_denied' ? 'sign-in-refused' : 'sign-in-failed';
      // Anyone can send a browser here with any `error`: only the codes the specifications define are repeated.
      const code = AUTHORIZATION_ERROR_CODES.has(req.query.error) ? req.query.error : 'an error code the OAuth and OpenID Connect specifications do not define';
      throw new SignInRejected(problem, `Keycloak did not sign you in (${code}).`);
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
        throw new SignInRejected('sign-in-failed', 'The sign-in could not be completed (it may have been used already). Start again from the console.');
      }
      throw mapKeycloakError(err);
    }
    const claims = tokens.claims();
    if (!claims) throw new SignInRejected('sign-in-failed', 'Keycloak returned no ID token.');
    const operator = operatorFromTokens(claims, tokens.access_token, config.oidc.clientId, config.keycloak.realm);
    if (operator.roles.length === 0) {
      if (tokens.refresh_token) await keycloak.endOperatorSession(tokens.refresh_token).catch(() => false);
      req.log.info({ operatorId: operator.id }, 'sign-in refused: no console role');
      res.redirect(302, `/signed-out?reason=${'no-role' satisfies SignInProblem}`);
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
  }));

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
