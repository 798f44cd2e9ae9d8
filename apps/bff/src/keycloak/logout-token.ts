import { createRemoteJWKSet, customFetch, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import type { Config } from '../config.js';
import { HttpError } from '../http/errors.js';
import type { OidcProvider } from './oidc-provider.js';

/** The event a logout token must carry (OpenID Connect Back-Channel Logout 1.0, section 2.4). */
export const BACKCHANNEL_LOGOUT_EVENT = 'http://schemas.openid.net/event/backchannel-logout';

/** Whom a valid logout token signs out: the Keycloak session (`sid`), the user (`sub`), or both. */
export interface LogoutSubject {
  sid?: string;
  sub?: string;
  /** The token's id, to refuse a replay. */
  jti: string;
  /** When Keycloak issued the token, epoch seconds. */
  iat: number;
}

/** How long a logout token is accepted after it was issued (and its `jti` remembered). */
export const LOGOUT_TOKEN_MAX_AGE_SECONDS = 10 * 60;

const invalid = (why: string) => new HttpError(400, 'bad_request', `Invalid logout token: ${why}.`);

/**
 * Validates logout tokens that Keycloak POSTs to the console's back-channel logout URL, as OIDC
 * Back-Channel Logout 1.0 section 2.6 says: signature against the operator realm's JWKS (fetched on
 * the back channel and cached by jose), issuer, audience (the console's client id), `iat`, the
 * `events` claim, `sid` and/or `sub`, `jti`, and no `nonce`. Throws HttpError 400 for a token that fails any
 * of these; Keycloak being unreachable for the JWKS surfaces as jose's fetch error (mapped to 503/504).
 */
export class LogoutTokenVerifier {
  readonly #config: Config;
  readonly #oidc: OidcProvider;
  #jwks: ReturnType<typeof createRemoteJWKSet> | undefined;

  constructor(config: Config, oidcProvider: OidcProvider) {
    this.#config = config;
    this.#oidc = oidcProvider;
  }

  async verify(token: unknown): Promise<LogoutSubject> {
    if (typeof token !== 'string' || token.length === 0 || token.length > 8192) throw invalid('logout_token is missing');
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, await this.#keys(), {
        issuer: this.#config.keycloak.issuer,
        audience: this.#config.oidc.clientId,
        requiredClaims: ['iat', 'jti'],
        // Logout tokens are short-lived; Keycloak sets `exp`, and an old one is a replay.
        maxTokenAge: LOGOUT_TOKEN_MAX_AGE_SECONDS,
        clockTolerance: 30,
      }));
    } catch (err) {
      if (err instanceof joseErrors.JOSEError && !(err instanceof joseErrors.JWKSTimeout)) throw invalid(err.code.replace(/^ERR_/, '').toLowerCase());
      throw err;
    }
    const events = payload.events;
    if (typeof events !== 'object' || events === null || typeof (events as Record<string, unknown>)[BACKCHANNEL_LOGOUT_EVENT] !== 'object') {
      throw invalid('it has no back-channel logout event');
    }
    if ('nonce' in payload) throw invalid('it carries a nonce');
    const sid = typeof payload.sid === 'string' && payload.sid.length > 0 ? payload.sid : undefined;
    const sub = typeof payload.sub === 'string' && payload.sub.length > 0 ? payload.sub : undefined;
    if (!sid && !sub) throw invalid('it names neither a session (sid) nor a user (sub)');
    return { ...(sid ? { sid } : {}), ...(sub ? { sub } : {}), jti: String(payload.jti), iat: Number(payload.iat) };
  }

  async #keys(): Promise<ReturnType<typeof createRemoteJWKSet>> {
    if (this.#jwks) return this.#jwks;
    const client = await this.#oidc.operatorClient();
    const jwksUri = client.serverMetadata().jwks_uri;
    if (!jwksUri) throw new HttpError(502, 'keycloak_error', 'Keycloak publishes no JWKS for the operator realm.');
    this.#jwks = createRemoteJWKSet(new URL(jwksUri), {
      timeoutDuration: this.#config.keycloak.timeoutMs,
      [customFetch]: (url: string, options: RequestInit) => fetch(this.#oidc.backChannel(url), options),
    });
    return this.#jwks;
  }
}
