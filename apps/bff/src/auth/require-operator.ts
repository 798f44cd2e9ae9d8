import type { Request, RequestHandler } from 'express';
import { HttpError, unauthenticated } from '../http/errors.js';
import type { Operator } from './operator.js';
import { OperatorStanding, type OperatorRecheck } from './operator-recheck.js';

export interface OperatorAccessOptions {
  /** Refresh the operator's tokens with Keycloak when the last check is older than this (milliseconds). */
  recheckMs: number;
}

/** The 401 for an operator Keycloak has ended (`why`: its words from the re-check). */
export const sessionEnded = (why: string) => unauthenticated(`Your Session Desk session has ended: ${why} Sign in again.`);

const standings = new WeakMap<Request, OperatorStanding>();

/**
 * Answers 401 unless the request belongs to a signed-in operator whose console session is within
 * its lifetimes and whom Keycloak still accepts. At most every `recheckMs` it refreshes the
 * operator's tokens with Keycloak (one refresh per console session at a time, shared by concurrent
 * requests): a refusal (user disabled, Keycloak session ended, consent revoked) or a token that no
 * longer grants a console role ends the console session with 401; the roles are re-read from the
 * new access token, so a removed role is gone within the interval (and before any destructive
 * action, which asks again through `currentStanding`). Keycloak unreachable answers a read its
 * 503/504 and keeps the session for the next try; a state-changing request goes on (see goesOnUnconfirmed).
 */
export function requireOperator(recheck: OperatorRecheck, options: OperatorAccessOptions): RequestHandler {
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
    let current = operator;
    if (now - (data.checkedAt ?? data.signedInAt ?? 0) >= options.recheckMs) {
      let result: Awaited<ReturnType<OperatorRecheck['shared']>>;
      try {
        result = await recheck.shared(req.sessionID, data.tokens?.refreshToken);
      } catch (err) {
        if (!goesOnUnconfirmed(req, err)) throw err;
        // The next request asks Keycloak again (checkedAt is left as it was).
        standings.set(req, new OperatorStanding(req, recheck, current));
        return next();
      }
      if ('ended' in result) {
        req.log?.info({ operatorId: operator.id, why: result.ended }, 'operator session ended after re-check with Keycloak');
        await destroy(req);
        return next(sessionEnded(result.ended));
      }
      current = { ...operator, roles: result.roles };
      data.operator = current;
      data.tokens = result.tokens;
      data.checkedAt = now;
    }
    standings.set(req, new OperatorStanding(req, recheck, current));
    next();
  };
}

/**
 * Keycloak could not be asked (503/504) when the re-check was due. A read fails closed with that
 * answer. A state-changing request goes on with the roles the console session holds, because each
 * such route stands without that re-check: its policy refuses by those roles (and records the
 * refusal) without Keycloak, asks Keycloak again before it acts (ActionRunner.authorize), or only
 * stops a bulk job (its cancel must work while Keycloak is down).
 */
function goesOnUnconfirmed(req: Request, err: unknown): boolean {
  const unreachable = err instanceof HttpError && (err.status === 503 || err.status === 504);
  return unreachable && req.method !== 'GET' && req.method !== 'HEAD';
}

/** The signed-in operator; only valid behind requireOperator. */
export function currentOperator(req: Request): Operator {
  const operator = req.session.operator;
  if (!operator) throw unauthenticated();
  return operator;
}

/** The operator's standing with Keycloak, to ask again before a destructive action; only valid behind requireOperator. */
export function currentStanding(req: Request): OperatorStanding {
  const standing = standings.get(req);
  if (!standing) throw unauthenticated();
  return standing;
}
