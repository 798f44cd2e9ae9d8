import type { Request, RequestHandler } from 'express';
import { unauthenticated } from '../http/errors.js';
import type { KeycloakGateway } from '../keycloak/admin-gateway.js';
import { rolesFromAccessToken, type Operator } from './operator.js';

export interface OperatorAccessOptions {
  /** Refresh the operator's tokens with Keycloak when the last check is older than this (milliseconds). */
  recheckMs: number;
  /** The console's OIDC client id: its client roles in the access token are the operator's roles. */
  clientId: string;
}

type Recheck = { ended: string } | { roles: Operator['roles']; tokens: { accessToken: string; refreshToken?: string; idToken?: string } };

const ended = (why: string) => unauthenticated(`Your Session Desk session has ended: ${why} Sign in again.`);

/**
 * Answers 401 unless the request belongs to a signed-in operator whose console session is within
 * its lifetimes and whom Keycloak still accepts. At most every `recheckMs` it refreshes the
 * operator's tokens with Keycloak (one refresh per console session at a time, shared by concurrent
 * requests): a refusal (user disabled, Keycloak session ended, consent revoked) or a token that no
 * longer grants a console role ends the console session with 401; the roles are re-read from the
 * new access token, so a removed role is gone within the interval. Keycloak unreachable answers its
 * 503/504 and keeps the session for the next try.
 */
export function requireOperator(keycloak: Pick<KeycloakGateway, 'refreshOperatorTokens'>, options: OperatorAccessOptions): RequestHandler {
  const inFlight = new Map<string, Promise<Recheck>>();

  const recheck = async (refreshToken: string | undefined): Promise<Recheck> => {
    if (!refreshToken) return { ended: 'Keycloak gave this session no refresh token.' };
    const result = await keycloak.refreshOperatorTokens(refreshToken);
    if ('refused' in result) return { ended: `Keycloak no longer accepts it (${result.refused.slice(0, 100)}).` };
    const { tokens } = result;
    return {
      roles: rolesFromAccessToken(tokens.access_token, options.clientId),
      tokens: { accessToken: tokens.access_token, refreshToken: tokens.refresh_token ?? refreshToken, idToken: tokens.id_token },
    };
  };

  const destroy = (req: Request) => new Promise<void>((resolve) => req.session.destroy(() => resolve()));

  return async (req, _res, next) => {
    const data = req.session;
    const operator = data?.operator;
    if (!operator) return next(unauthenticated());
    const now = Date.now();
    if (data.absoluteExpiresAt !== undefined && data.absoluteExpiresAt <= now) {
      await destroy(req);
      return next(unauthenticated('Your session has ended. Sign in again.'));
    }
    if (now - (data.checkedAt ?? data.signedInAt ?? 0) < options.recheckMs) return next();

    const key = req.sessionID;
    let pending = inFlight.get(key);
    if (!pending) {
      pending = recheck(data.tokens?.refreshToken).finally(() => inFlight.delete(key));
      inFlight.set(key, pending);
    }
    const result = await pending;
    if ('ended' in result) {
      req.log?.info({ operatorId: operator.id, why: result.ended }, 'operator session ended after re-check with Keycloak');
      await destroy(req);
      return next(ended(result.ended));
    }
    if (result.roles.length === 0) {
      req.log?.info({ operatorId: operator.id }, 'operator lost every console role in Keycloak');
      await destroy(req);
      return next(ended('your account no longer holds a Session Desk role in Keycloak.'));
    }
    data.operator = { ...operator, roles: result.roles };
    data.tokens = result.tokens;
    data.checkedAt = now;
    next();
  };
}

/** The signed-in operator; only valid behind requireOperator. */
export function currentOperator(req: Request): Operator {
  const operator = req.session.operator;
  if (!operator) throw unauthenticated();
  return operator;
}
