import type { SessionRow } from '@session-desk/contracts';
import type { AuditedCall, AuditIntent, AuditTrail } from '../audit/audit-trail.js';
import { HttpError, serviceUnavailable, unauthenticated } from '../http/errors.js';
import type { KeycloakSessions } from '../keycloak/sessions-api.js';
import type { RealmSnapshots } from '../sessions/realm-snapshots.js';
import { decide } from '../policy/decide.js';
import { primaryRole } from '../policy/permissions.js';
import type { ActionContext } from './action-context.js';
import { guardTarget } from './escalation-guard.js';

export interface ActionRunnerOptions {
  managedRealms: readonly string[];
  /** The client id of the console's own service account (never logged out from the console). */
  serviceClientId: string;
}

/**
 * The one recipe for a destructive action, shared by every feature: check the endpoint's declared
 * permission (a refusal is recorded), check the target against the escalation guard just before
 * acting (a refusal is recorded), then run the Keycloak call inside `AuditTrail.run` (attempt
 * before, outcome after, "already gone" recorded as failed).
 */
export class ActionRunner {
  readonly #keycloak: KeycloakSessions;
  readonly #trail: AuditTrail;
  readonly #options: ActionRunnerOptions;

  constructor(keycloak: KeycloakSessions, trail: AuditTrail, options: ActionRunnerOptions) {
    this.#keycloak = keycloak;
    this.#trail = trail;
    this.#options = options;
  }

  get managedRealms(): readonly string[] {
    return this.#options.managedRealms;
  }

  /**
   * The policy's answer for the context's permission in the intent's realm, on the roles the console
   * session holds (nothing is asked of Keycloak). A refusal (403) is recorded, naming the target user
   * when `resolveTarget` can find them; a realm that is not managed (404) is not something to act in,
   * so nothing is recorded. Throws the refusal. Callers that refuse bad input after this call
   * `authorize` once the input is checked.
   */
  async permit(context: ActionContext, intent: AuditIntent, resolveTarget?: () => Promise<AuditIntent['targetUser']>): Promise<void> {
    const decision = decide({ operator: context.operator, permission: context.permission, realm: intent.realm, managedRealms: this.#options.managedRealms });
    if (decision.allowed) return;
    if (decision.status === 403) await this.#refuseFor(context, intent, decision.reason, resolveTarget);
    throw new HttpError(decision.status, decision.code, decision.reason);
  }

  /**
   * `permit`, then Keycloak's word, then `permit` again on the roles Keycloak grants now: the
   * operator's roles are asked of Keycloak just before acting (see `reconfirm`), so none left
   * answers 401, Keycloak unreachable 503 (fail closed), a role lowered 403. Each refusal is
   * recorded (see `permit`). Throws the refusal.
   */
  async authorize(context: ActionContext, intent: AuditIntent, resolveTarget?: () => Promise<AuditIntent['targetUser']>): Promise<void> {
    // What the session's roles already refuse needs no word from Keycloak.
    await this.permit(context, intent, resolveTarget);
    const lost = await this.reconfirm(context);
    if (lost) {
      await this.#refuseFor(context, intent, lost.message, resolveTarget);
      throw lost;
    }
    await this.permit(context, intent, resolveTarget);
  }

  async #refuseFor(context: ActionContext, intent: AuditIntent, why: string, resolveTarget?: () => Promise<AuditIntent['targetUser']>): Promise<void> {
    if (!intent.targetUser && resolveTarget) intent.targetUser = await resolveTarget().catch(() => null);
    await this.#trail.refuse(context.actor, intent, why);
  }

  /**
   * Asks Keycloak for the operator's roles now and puts them in the context (operator and audit
   * actor). Answers the error to refuse with, not recorded: 401 when Keycloak grants no console role
   * any more (the console session is ended), 503 when Keycloak cannot be asked; undefined otherwise.
   */
  async reconfirm(context: ActionContext): Promise<HttpError | undefined> {
    let standing: Awaited<ReturnType<ActionContext['standing']['confirm']>>;
    try {
      standing = await context.standing.confirm();
    } catch (err) {
      if (err instanceof HttpError && err.status === 401) return err;
      return serviceUnavailable('keycloak_unavailable', 'Keycloak could not confirm your Session Desk role just now, so nothing was changed. Try again in a moment.', err);
    }
    if ('ended' in standing) return unauthenticated(`Your Session Desk session has ended: ${standing.ended} Nothing was changed. Sign in again.`);
    context.operator = standing.operator;
    const role = primaryRole(standing.operator.roles);
    if (role) context.actor = { ...context.actor, operator: { ...context.actor.operator, role } };
    return undefined;
  }

  /**
   * For a bulk job between items: `reconfirm`, then the policy for the context's permission in
   * `realm`. The refusal (401/403/404/503) is answered, not recorded (the job records its items).
   */
  async stillAllowed(context: ActionContext, realm: string): Promise<HttpError | undefined> {
    const lost = await this.reconfirm(context);
    if (lost) return lost;
    const decision = decide({ operator: context.operator, permission: context.permission, realm, managedRealms: this.#options.managedRealms });
    return decision.allowed ? undefined : new HttpError(decision.status, decision.code, decision.reason);
  }

  /**
   * Records a refusal that is not the policy's and throws it: `why` as 403 (e.g. a limit of the role),
   * or the given HttpError as it is (e.g. 400 for a realm name typed wrong: the operator asked for a
   * destructive action, and the trail says it was not carried out and why).
   */
  async refuse(context: ActionContext, intent: AuditIntent, why: string | HttpError): Promise<never> {
    const refusal = typeof why === 'string' ? new HttpError(403, 'forbidden', why) : why;
    await this.#trail.refuse(context.actor, intent, refusal.message);
    throw refusal;
  }

  /**
   * The escalation guard for `userId`, read from Keycloak just before acting: the console's own
   * service account (`serviceAccountOf`) is never a target, and only administrators act on console
   * administrators; a guard that cannot tell refuses. Each refusal is recorded and returned.
   */
  async guard(
    context: ActionContext,
    intent: AuditIntent,
    userId: string,
    serviceAccountOf: string | null = null,
  ): Promise<{ allowed: true } | { allowed: false; refusal: HttpError }> {
    const account = decide({
      operator: context.operator,
      permission: context.permission,
      realm: intent.realm,
      managedRealms: this.#options.managedRealms,
      target: { isConsoleAdmin: false, serviceAccountOf, consoleServiceClientId: this.#options.serviceClientId },
    });
    if (!account.allowed) {
      await this.#trail.refuse(context.actor, intent, account.reason);
      return { allowed: false, refusal: new HttpError(account.status, account.code, account.reason) };
    }
    return guardTarget({ keycloak: this.#keycloak, trail: this.#trail, managedRealms: this.#options.managedRealms }, context, context.permission, intent, userId);
  }

  /** `guard`, throwing the refusal. */
  async guardOrThrow(context: ActionContext, intent: AuditIntent, userId: string, serviceAccountOf: string | null = null): Promise<void> {
    const guard = await this.guard(context, intent, userId, serviceAccountOf);
    if (!guard.allowed) throw guard.refusal;
  }

  /** Runs the Keycloak call inside the audit trail (see `AuditTrail.run`). */
  run<T>(context: ActionContext, intent: AuditIntent, ...call: AuditedCall<T>): Promise<T> {
    return this.#trail.run(context.actor, intent, ...call);
  }
}

/** What is recorded when Keycloak, asked to delete a session, no longer had it. */
export const SESSION_GONE = 'Keycloak no longer had this session';

/** What is recorded for a bulk item whose session was not in the realm when the job started (nothing was asked of Keycloak). */
export const SESSION_NOT_IN_REALM = 'not found in the realm when the job started';

/** The answer when the target of an action has already ended (nothing was changed). */
export const goneError = (what: string) => new HttpError(404, 'not_found', `${what} has already ended or does not exist. Nothing was changed.`);

/** What every feature service is built from (wired in compose.ts). */
export interface FeatureDeps {
  keycloak: KeycloakSessions;
  snapshots: RealmSnapshots;
  actions: ActionRunner;
}

/** A feature service that reads or acts on sessions: Keycloak, the realm snapshots and the action recipe (wired in compose.ts). */
export abstract class FeatureService {
  protected readonly keycloak: KeycloakSessions;
  protected readonly snapshots: RealmSnapshots;
  protected readonly actions: ActionRunner;

  constructor(deps: FeatureDeps) {
    this.keycloak = deps.keycloak;
    this.snapshots = deps.snapshots;
    this.actions = deps.actions;
  }

  /**
   * Throws `gone` (404) for a session not found where the request named it. When the realm's list holds
   * it under a user other than `namedOwner` (someone else's session), the attempt is first recorded as
   * refused, naming whose it is; the answer stays the same 404, so it tells the caller nothing more.
   */
  protected async goneOrSomeoneElses(
    context: ActionContext,
    intent: AuditIntent,
    session: { realm: string; id: string; type?: SessionRow['type']; namedOwner: string },
    gone: HttpError,
  ): Promise<never> {
    const listed = await this.snapshots.find(session.realm, session.id, session.type).catch(() => undefined);
    if (listed && listed.userId !== session.namedOwner) {
      await this.actions.refuse(context, { ...intent, targetUser: { id: listed.userId, username: listed.username } }, gone);
    }
    throw gone;
  }
}
