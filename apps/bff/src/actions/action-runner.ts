import type { AuditedCall, AuditIntent, AuditTrail } from '../audit/audit-trail.js';
import { HttpError } from '../http/errors.js';
import type { KeycloakSessions } from '../keycloak/sessions-api.js';
import type { RealmSnapshots } from '../sessions/realm-snapshots.js';
import { decide } from '../policy/decide.js';
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
   * The policy's answer for the context's permission in the intent's realm. A refusal (403) is
   * recorded, naming the target user when `resolveTarget` can find them; a realm that is not
   * managed (404) is not something to act in, so nothing is recorded. Throws the refusal.
   */
  async authorize(context: ActionContext, intent: AuditIntent, resolveTarget?: () => Promise<AuditIntent['targetUser']>): Promise<void> {
    const decision = decide({ operator: context.operator, permission: context.permission, realm: intent.realm, managedRealms: this.#options.managedRealms });
    if (decision.allowed) return;
    if (decision.status === 403) {
      if (!intent.targetUser && resolveTarget) intent.targetUser = await resolveTarget().catch(() => null);
      await this.#trail.refuse(context.actor, intent, decision.reason);
    }
    throw new HttpError(decision.status, decision.code, decision.reason);
  }

  /** Records a refusal that is not the policy's (e.g. a limit of the role) and throws it as 403. */
  async refuse(context: ActionContext, intent: AuditIntent, why: string): Promise<never> {
    await this.#trail.refuse(context.actor, intent, why);
    throw new HttpError(403, 'forbidden', why);
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
}
