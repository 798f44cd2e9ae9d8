import type { Request, RequestHandler } from 'express';
import type { Permission } from '@session-desk/contracts';
import { actionContext, type ActionContext } from '../actions/action-context.js';
import { currentOperator, currentStanding, sessionEnded } from '../auth/require-operator.js';
import { realmParam } from '../http/realm-route.js';
import { decide, type Decision } from './decide.js';
import { HttpError } from '../http/errors.js';

type Refusal = Extract<Decision, { allowed: false }>;

/** The answer to a refused request: 403, or 404 for a realm Session Desk does not manage. */
const refusedError = (refusal: Refusal) => new HttpError(refusal.status, refusal.code, refusal.reason);

const actions = new WeakMap<Request, ActionContext>();
/** For a request to a `confirmedReads` route: its refusal, decided again with the operator's current roles. */
const confirmations = new WeakMap<Request, () => Refusal | undefined>();

/**
 * The permission of each endpoint, declared once where its route is mapped:
 * - `reads(...)`: checked before the handler, in the realm of the path when it names one; a
 *   refusal answers 403 (404 for a realm that is not managed) and is not recorded. With several
 *   permissions, any one of them is enough (the handler scopes what it shows).
 * - `confirmedReads(...)`: `reads`, and the handler then calls `confirmRead(req)` once the input is
 *   valid, which checks again with the roles Keycloak grants at this request (the operator's tokens
 *   refreshed, as before a destructive action). For reads of what other operators did (the audit
 *   trail, its export, its verification): an operator demoted or removed in Keycloak reads no more
 *   of it, where `reads` goes by roles up to OPERATOR_RECHECK_SECONDS old.
 * - `acts(...)`: a destructive action; the handler takes its context with `actionOf(req)`, and the
 *   action runner checks the permission and records a refusal with the target (see ActionRunner).
 * - `guards(permission, recordRefusal)`: checked like `reads`, before the handler and without asking
 *   Keycloak, for an action on a thing named in the path that has no realm there (a job's cancel);
 *   a refusal is handed to `recordRefusal` (which records it when the thing exists) before the 403.
 */
export function endpointPolicy(managedRealms: readonly string[]) {
  const refusalOf = (req: Request, anyOf: readonly Permission[]): Refusal | undefined => {
    const realm = req.params.realm === undefined ? undefined : realmParam(req);
    const operator = currentOperator(req);
    const decisions = anyOf.map((permission) => decide({ operator, permission, realm, managedRealms }));
    const refusal = decisions.every((decision) => !decision.allowed) ? decisions[0] : undefined;
    return refusal && !refusal.allowed ? refusal : undefined;
  };
  const reads =
    (...anyOf: [Permission, ...Permission[]]): RequestHandler =>
    (req, _res, next) => {
      const refusal = refusalOf(req, anyOf);
      if (refusal) throw refusedError(refusal);
      next();
    };
  return {
    reads,
    confirmedReads:
      (...anyOf: [Permission, ...Permission[]]): RequestHandler =>
      (req, res, next) => {
        confirmations.set(req, () => refusalOf(req, anyOf));
        reads(...anyOf)(req, res, next);
      },
    guards:
      (permission: Permission, recordRefusal: (req: Request, why: string) => Promise<void>): RequestHandler =>
      async (req, _res, next) => {
        const refusal = refusalOf(req, [permission]);
        if (refusal) {
          await recordRefusal(req, refusal.reason);
          throw refusedError(refusal);
        }
        next();
      },
    acts:
      (permission: Permission | ((req: Request) => Permission)): RequestHandler =>
      (req, _res, next) => {
        actions.set(req, actionContext(req, typeof permission === 'function' ? permission(req) : permission));
        next();
      },
  };
}

/**
 * For a route declared with `confirmedReads(...)`, called once its input is valid (so hostile input
 * never reaches Keycloak): asks Keycloak for the operator's roles now and decides again with them.
 * Throws 401 when Keycloak has ended the operator (their console session is ended too), 403 when the
 * roles it grants no longer allow the read, and Keycloak's 503/504 when it cannot be asked.
 */
export async function confirmRead(req: Request): Promise<void> {
  const refusalNow = confirmations.get(req);
  if (!refusalNow) throw new Error(`${req.method} ${req.originalUrl} declares no confirmedReads(...) where its route is mapped`);
  const standing = await currentStanding(req).confirm();
  if ('ended' in standing) throw sessionEnded(standing.ended);
  const refusal = refusalNow();
  if (refusal) throw refusedError(refusal);
}

/** The action context `acts(...)` set up for this request (a route without it is a programming error). */
export function actionOf(req: Request): ActionContext {
  const context = actions.get(req);
  if (!context) throw new Error(`${req.method} ${req.originalUrl} declares no permission (acts(...)) where its route is mapped`);
  return context;
}

export type EndpointPolicy = ReturnType<typeof endpointPolicy>;
