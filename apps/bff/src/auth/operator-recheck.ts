import type { Request } from 'express';
import type { Role } from '@session-desk/contracts';
import type { KeycloakGateway } from '../keycloak/admin-gateway.js';
import { rolesFromAccessToken, type Operator } from './operator.js';
import type { OperatorTokens } from './session-data.js';

/** Keycloak's word on a console session: the roles its refreshed access token grants, or why it has ended. */
export type RecheckResult = { ended: string } | { roles: Role[]; tokens: OperatorTokens };

/**
 * Asks Keycloak about an operator by refreshing their tokens: the new access token's client roles of
 * the console's client are their effective roles (direct, through groups and composites). A refusal
 * (user disabled, Keycloak session ended) or a token without any console role is `ended`. At most one
 * refresh per console session is in flight at a time, so a rotated refresh token is used only once.
 * Keycloak unreachable throws its HttpError (503/504).
 */
export class OperatorRecheck {
  readonly #keycloak: Pick<KeycloakGateway, 'refreshOperatorTokens'>;
  readonly #clientId: string;
  readonly #inFlight = new Map<string, Promise<RecheckResult>>();

  constructor(keycloak: Pick<KeycloakGateway, 'refreshOperatorTokens'>, clientId: string) {
    this.#keycloak = keycloak;
    this.#clientId = clientId;
  }

  /** Keycloak's answer for console session `consoleSessionId`, shared with a refresh already in flight for it. */
  shared(consoleSessionId: string, refreshToken: string | undefined): Promise<RecheckResult> {
    return this.#inFlight.get(consoleSessionId) ?? this.#start(consoleSessionId, refreshToken);
  }

  /** Keycloak's answer asked after this call began (a refresh in flight is waited for, its tokens used). */
  async fresh(consoleSessionId: string, refreshToken: string | undefined): Promise<RecheckResult> {
    const earlier = await this.#inFlight.get(consoleSessionId)?.catch(() => undefined);
    if (earlier && 'ended' in earlier) return earlier;
    return this.#start(consoleSessionId, earlier?.tokens.refreshToken ?? refreshToken);
  }

  #start(consoleSessionId: string, refreshToken: string | undefined): Promise<RecheckResult> {
    const pending: Promise<RecheckResult> = this.#ask(refreshToken).finally(() => {
      if (this.#inFlight.get(consoleSessionId) === pending) this.#inFlight.delete(consoleSessionId);
    });
    this.#inFlight.set(consoleSessionId, pending);
    return pending;
  }

  async #ask(refreshToken: string | undefined): Promise<RecheckResult> {
    if (!refreshToken) return { ended: 'Keycloak gave this session no refresh token.' };
    const result = await this.#keycloak.refreshOperatorTokens(refreshToken);
    if ('refused' in result) return { ended: `Keycloak no longer accepts it (${result.refused.slice(0, 100)}).` };
    const { tokens } = result;
    const roles = rolesFromAccessToken(tokens.access_token, this.#clientId);
    if (roles.length === 0) return { ended: 'your account no longer holds a Session Desk role in Keycloak.' };
    return { roles, tokens: { accessToken: tokens.access_token, refreshToken: tokens.refresh_token ?? refreshToken, idToken: tokens.id_token } };
  }
}

/** What `OperatorStanding.confirm` learnt: the operator with the roles Keycloak grants now, or why their console session ended. */
export type Standing = { operator: Operator } | { ended: string };

/**
 * One request's operator as Keycloak sees them now, asked just before a destructive action (and
 * again while a bulk job it started runs, after the answer was sent). The console session follows
 * the answer: new roles and tokens are stored in it, and it is destroyed when Keycloak no longer
 * grants a console role.
 */
export class OperatorStanding {
  readonly #req: Request;
  readonly #recheck: OperatorRecheck;
  readonly #consoleSessionId: string;
  #operator: Operator;
  #tokens: OperatorTokens | undefined;
  #ended: string | undefined;

  constructor(req: Request, recheck: OperatorRecheck, operator: Operator) {
    this.#req = req;
    this.#recheck = recheck;
    this.#consoleSessionId = req.sessionID;
    this.#operator = operator;
    this.#tokens = req.session.tokens;
  }

  /** Asks Keycloak now. Throws Keycloak's HttpError (503/504) when it cannot be asked; nothing is changed then. */
  async confirm(): Promise<Standing> {
    if (this.#ended) return { ended: this.#ended };
    const result = await this.#recheck.fresh(this.#consoleSessionId, this.#tokens?.refreshToken);
    if ('ended' in result) {
      this.#ended = result.ended;
      this.#req.log?.info({ operatorId: this.#operator.id, why: result.ended }, 'operator session ended by the re-check before an action');
      await this.#endConsoleSession();
      return { ended: result.ended };
    }
    this.#operator = { ...this.#operator, roles: result.roles };
    this.#tokens = result.tokens;
    const data = this.#req.session;
    if (data?.operator) {
      data.operator = this.#operator;
      data.tokens = result.tokens;
      data.checkedAt = Date.now();
    }
    return { operator: this.#operator };
  }

  #endConsoleSession(): Promise<void> {
    return new Promise((resolve) => {
      if (this.#req.session) this.#req.session.destroy(() => resolve());
      else this.#req.sessionStore.destroy(this.#consoleSessionId, () => resolve());
    });
  }
}
