import type {
  ClientStatsResponse,
  EndMySessionResponse,
  EndSessionResponse,
  LogoutUserResponse,
  MySessionsResponse,
  RealmActionResponse,
  Permission,
  RealmsResponse,
  SessionListQuery,
  SessionListResponse,
  SessionRow,
  UserDetailQuery,
  UserDetailResponse,
  UserSearchResponse,
} from '@session-desk/contracts';
import type { Operator } from '../auth/operator.js';
import { HttpError } from '../http/errors.js';
import type { KeycloakSessions } from '../keycloak/sessions-api.js';
import { authorize } from '../policy/authorize.js';
import { decide } from '../policy/decide.js';
import { permissionsFor } from '../policy/permissions.js';
import type { AuditActor, AuditIntent, AuditTrail } from '../audit/audit-trail.js';
import type { RealmSnapshots } from './realm-snapshots.js';
import { guardTarget } from './escalation-guard.js';
import { withRevocations, type NotBefores } from './revocation.js';

const DEFAULT_USER_PAGE: UserDetailQuery = { first: 0, max: 100, offlineFirst: 0, offlineMax: 100 };

export interface SessionDeskOptions {
  managedRealms: readonly string[];
  defaultRealm: string;
  operatorRealm: string;
  /** The client id of the console's own service account (never logged out from the console). */
  serviceClientId: string;
}

/** Who acts: the operator (for the policy) and their audit identity (for the trail). */
export interface ActionContext {
  operator: Operator;
  actor: AuditActor;
}

const settled = <T>(result: PromiseSettledResult<T>): T => {
  if (result.status === 'rejected') throw result.reason;
  return result.value;
};

const gone = (what: string) => new HttpError(404, 'not_found', `${what} has already ended or does not exist. Nothing was changed.`);

/**
 * What the console does with sessions and users: every read and action checks the policy first,
 * every action is recorded before Keycloak is asked, and its outcome after.
 */
export class SessionDesk {
  readonly #keycloak: KeycloakSessions;
  readonly #snapshots: RealmSnapshots;
  readonly #trail: AuditTrail;
  readonly #options: SessionDeskOptions;

  constructor(keycloak: KeycloakSessions, snapshots: RealmSnapshots, trail: AuditTrail, options: SessionDeskOptions) {
    this.#keycloak = keycloak;
    this.#snapshots = snapshots;
    this.#trail = trail;
    this.#options = options;
  }

  realms(operator: Operator): RealmsResponse {
    return {
      defaultRealm: this.#options.defaultRealm,
      realms: this.#options.managedRealms.map((name) => ({
        name,
        isDefault: name === this.#options.defaultRealm,
        permissions: permissionsFor(operator.roles),
      })),
    };
  }

  async listSessions(operator: Operator, realm: string, query: SessionListQuery): Promise<SessionListResponse> {
    this.#authorize(operator, 'sessions:read', realm);
    return this.#snapshots.list(realm, query);
  }

  async clientStats(operator: Operator, realm: string): Promise<ClientStatsResponse> {
    this.#authorize(operator, 'sessions:read', realm);
    const clients = await this.#keycloak.clientStats(realm);
    return { clients: clients.sort((a, b) => b.active + b.offline - (a.active + a.offline) || a.clientId.localeCompare(b.clientId)) };
  }

  async searchUsers(operator: Operator, realm: string, query: string, max: number): Promise<UserSearchResponse> {
    this.#authorize(operator, 'users:read', realm);
    return this.#keycloak.searchUsers(realm, query, max);
  }

  async userDetail(operator: Operator, realm: string, userId: string, page: UserDetailQuery = DEFAULT_USER_PAGE): Promise<UserDetailResponse> {
    this.#authorize(operator, 'users:read', realm);
    // One round trip deep: the user, their sessions and the realm's not-before are asked for at once.
    const [found, regular, offline, admin, realmNotBefore] = await Promise.allSettled([
      this.#keycloak.findUser(realm, userId),
      this.#keycloak.userSessions(realm, userId, null),
      this.#keycloak.userOfflineSessions(realm, userId, null),
      this.#keycloak.isConsoleAdmin(realm, userId).catch((err: unknown) => {
        if (err instanceof HttpError && err.code === 'escalation_guard_unavailable') return err;
        throw err;
      }),
      this.#keycloak.realmNotBefore(realm),
    ]);
    const user = settled(found);
    if (!user?.id) throw new HttpError(404, 'not_found', 'There is no such user in this realm.');
    const email = user.email ?? null;
    const allRegular = settled(regular);
    const allOffline = settled(offline);
    // Only the rows shown are checked against the not-befores (their clients' not-befores read live).
    const regularPage = allRegular.slice(page.first, page.first + page.max);
    const offlinePage = allOffline.slice(page.offlineFirst, page.offlineFirst + page.offlineMax);
    const userNotBefore = user.notBefore ?? 0;
    const notBefores: NotBefores = {
      realm: settled(realmNotBefore),
      users: new Map([[user.id, userNotBefore]]),
      clients: await this.#keycloak.clientNotBefores(realm, [...regularPage, ...offlinePage].flatMap((row) => row.clients.map((client) => client.id))),
    };
    const shown = (rows: SessionRow[]) => withRevocations(rows.map((row) => ({ ...row, email })), notBefores);
    const sessions = shown(regularPage);
    const offlineSessions = shown(offlinePage);
    const guard = settled(admin);
    // Fail closed: when Keycloak cannot say whether the user administers the console, only administrators may act.
    const isConsoleAdmin = guard instanceof HttpError ? null : guard;
    const guardDecision = (permission: Permission) =>
      guard instanceof HttpError && !operator.roles.includes('admin')
        ? ({ allowed: false, reason: guard.message } as const)
        : this.#decide(operator, permission, realm, isConsoleAdmin ?? undefined);
    const endDecision = guardDecision('sessions:end');
    const logoutDecision = guardDecision('users:logout');
    const refusal = [endDecision, logoutDecision].find((decision) => !decision.allowed);
    return {
      user: {
        id: user.id,
        username: user.username ?? '',
        email,
        firstName: user.firstName ?? null,
        lastName: user.lastName ?? null,
        enabled: user.enabled ?? false,
        createdAt: user.createdTimestamp ? new Date(user.createdTimestamp).toISOString() : null,
        isConsoleAdmin,
      },
      sessions,
      offlineSessions,
      sessionsTotal: allRegular.length,
      offlineSessionsTotal: allOffline.length,
      page,
      notBefore: userNotBefore > 0 ? new Date(userNotBefore * 1000).toISOString() : null,
      allowedActions: {
        endSession: endDecision.allowed,
        logout: logoutDecision.allowed,
        refusal: refusal && !refusal.allowed ? refusal.reason : null,
      },
    };
  }

  async endSession(
    context: ActionContext,
    realm: string,
    sessionId: string,
    offline: boolean,
    body: { reason: string; userId?: string | undefined },
  ): Promise<EndSessionResponse> {
    const type = offline ? 'offline' : 'regular';
    const intent: AuditIntent = { action: 'session.end', realm, targetUser: null, sessionId, reason: body.reason };
    const locate = () => this.#locateSession(realm, sessionId, type, body.userId);
    await this.#authorizeAction(context, 'sessions:end', intent, async () => {
      const session = await locate();
      return session ? { id: session.userId, username: session.username } : null;
    });
    const session = await locate();
    if (!session) throw gone('This session');
    intent.targetUser = { id: session.userId, username: session.username };
    intent.details = { type, clients: session.clients.map((client) => client.clientId) };
    await this.#guardTarget(context, 'sessions:end', intent, session.userId);

    const attempt = await this.#trail.begin(context.actor, intent);
    let ended: boolean;
    try {
      ended = await this.#keycloak.deleteSession(realm, sessionId, offline);
    } catch (err) {
      await attempt.failed(err);
      throw err;
    }
    if (!ended) {
      await attempt.failed('Keycloak no longer had this session');
      throw gone('This session');
    }
    await attempt.succeeded();
    this.#snapshots.forget(realm, (row) => row.id === sessionId && row.type === type);
    return { ended: true, sessionId, userId: session.userId, username: session.username, type };
  }

  async logoutUser(
    context: ActionContext,
    realm: string,
    userId: string,
    body: { reason: string; includeOffline: boolean },
  ): Promise<LogoutUserResponse> {
    const intent: AuditIntent = { action: 'user.logout', realm, targetUser: null, sessionId: null, reason: body.reason };
    await this.#authorizeAction(context, 'users:logout', intent, async () => {
      const user = await this.#keycloak.findUser(realm, userId);
      return user?.id ? { id: user.id, username: user.username ?? '' } : null;
    });
    const user = await this.#keycloak.findUser(realm, userId);
    if (!user?.id) throw new HttpError(404, 'not_found', 'There is no such user in this realm. Nothing was changed.');
    const username = user.username ?? '';
    intent.targetUser = { id: userId, username };
    await this.#guardTarget(context, 'users:logout', intent, userId, await this.#keycloak.serviceAccountClientOf(realm, user));

    const email = user.email ?? null;
    const regular = await this.#keycloak.userSessions(realm, userId, email);
    // Read whether or not they are to be ended: Keycloak's logout revokes them either way (see below).
    const offline = await this.#keycloak.userOfflineSessions(realm, userId, email);
    const offlineClients = body.includeOffline ? await this.#keycloak.offlineClients(realm, userId) : [];
    intent.details = { includeOffline: body.includeOffline, regularSessions: regular.length, offlineSessions: offline.length };

    const attempt = await this.#trail.begin(context.actor, intent);
    const revoked: string[] = [];
    try {
      await this.#keycloak.logoutUser(realm, userId, regular.length);
      for (const client of offlineClients) {
        await this.#keycloak.revokeOfflineAccess(realm, userId, client.clientId);
        revoked.push(client.clientId);
      }
    } catch (err) {
      await attempt.failed(err, { ...intent.details, offlineClientsRevoked: revoked });
      throw err;
    }
    // Keycloak's user logout moves the user's not-before to now: every token issued before it is
    // refused from then on, offline refresh tokens included. Offline sessions left in place are
    // still listed by Keycloak but no longer work, so they are reported (and shown) as revoked.
    const notBeforeSeconds = (await this.#keycloak.findUser(realm, userId).catch(() => undefined))?.notBefore || Math.floor(Date.now() / 1000);
    const notBefore = new Date(notBeforeSeconds * 1000).toISOString();
    const result: LogoutUserResponse = {
      userId,
      username,
      endedRegular: regular.length,
      endedOffline: body.includeOffline ? offline.length : 0,
      revokedOffline: body.includeOffline ? 0 : offline.length,
      notBefore,
      offlineClients: revoked,
    };
    await attempt.succeeded({
      endedRegular: result.endedRegular,
      endedOffline: result.endedOffline,
      revokedOffline: result.revokedOffline,
      notBefore,
      offlineClients: revoked,
    });
    this.#snapshots.forget(realm, (row) => row.userId === userId && (body.includeOffline || row.type === 'regular'));
    this.#snapshots.revoke(realm, (row) => row.userId === userId, { by: 'user', at: notBefore });
    return result;
  }

  async mySessions(operator: Operator, currentSessionId: string | undefined): Promise<MySessionsResponse> {
    this.#authorize(operator, 'own-sessions:read');
    const sessions = await this.#keycloak.userSessions(this.#options.operatorRealm, operator.id, operator.email);
    return {
      items: sessions
        .map((session) => ({ ...session, current: session.id === currentSessionId }))
        .sort((a, b) => Number(b.current) - Number(a.current) || b.lastAccess.localeCompare(a.lastAccess)),
    };
  }

  async endMySession(context: ActionContext, sessionId: string, currentSessionId: string | undefined): Promise<EndMySessionResponse> {
    const realm = this.#options.operatorRealm;
    const { operator } = context;
    const intent: AuditIntent = {
      action: 'own-session.end',
      realm,
      targetUser: { id: operator.id, username: operator.username },
      sessionId,
      reason: 'Operator ended one of their own sessions',
    };
    await this.#authorizeAction(context, 'own-sessions:end', intent);
    if (sessionId === currentSessionId) {
      throw new HttpError(400, 'bad_request', 'This is the session you are using now: use Sign out instead.');
    }
    const own = await this.#keycloak.userSessions(realm, operator.id, operator.email);
    if (!own.some((session) => session.id === sessionId)) throw gone('This session of yours');
    const attempt = await this.#trail.begin(context.actor, intent);
    let ended: boolean;
    try {
      ended = await this.#keycloak.deleteSession(realm, sessionId, false);
    } catch (err) {
      await attempt.failed(err);
      throw err;
    }
    if (!ended) {
      await attempt.failed('Keycloak no longer had this session');
      throw gone('This session of yours');
    }
    await attempt.succeeded();
    this.#snapshots.forget(realm, (row) => row.id === sessionId);
    return { ended: true, sessionId };
  }

  /** Admin only: ends every session of the realm, after the admin typed the realm's name. */
  async realmAction(context: ActionContext, realm: string, action: 'logout-all' | 'revoke-tokens', body: { reason: string; confirmRealm: string }): Promise<RealmActionResponse> {
    const permission = action === 'logout-all' ? 'realm:logout-all' : 'realm:revoke-tokens';
    const intent: AuditIntent = { action: action === 'logout-all' ? 'realm.logout-all' : 'realm.revoke-tokens', realm, targetUser: null, sessionId: null, reason: body.reason };
    await this.#authorizeAction(context, permission, intent);
    if (body.confirmRealm !== realm) {
      throw new HttpError(400, 'bad_request', `Type the realm's name ("${realm}") to confirm. Nothing was changed.`);
    }
    const attempt = await this.#trail.begin(context.actor, intent);
    try {
      if (action === 'logout-all') {
        const { offlineEnded } = await this.#keycloak.logoutAll(realm);
        await attempt.succeeded();
        // Keycloak 26.2 and later end offline sessions too; older versions keep them (see server-version.ts).
        this.#snapshots.forget(realm, (row) => row.type === 'regular' || offlineEnded);
        return { realm, action, notBefore: null, pushedTo: [], pushFailedFor: [] };
      }
      const notBefore = Math.floor(Date.now() / 1000);
      const pushed = await this.#keycloak.revokeTokensBefore(realm, notBefore);
      await attempt.succeeded({ notBefore, ...pushed });
      const at = new Date(notBefore * 1000).toISOString();
      // Every session stays listed in Keycloak, but none of the tokens it issued is accepted any more.
      this.#snapshots.revoke(realm, (row) => Date.parse(row.lastAccess) < notBefore * 1000, { by: 'realm', at });
      return { realm, action, notBefore: at, ...pushed };
    } catch (err) {
      if (err instanceof HttpError && err.code === 'audit_unavailable') throw err;
      await attempt.failed(err);
      throw err;
    }
  }

  async #locateSession(realm: string, sessionId: string, type: SessionRow['type'], userId?: string): Promise<SessionRow | undefined> {
    if (!userId) return this.#snapshots.find(realm, sessionId, type);
    const user = await this.#keycloak.findUser(realm, userId);
    if (!user?.id) return undefined;
    const email = user.email ?? null;
    const sessions =
      type === 'regular' ? await this.#keycloak.userSessions(realm, userId, email) : await this.#keycloak.userOfflineSessions(realm, userId, email);
    return sessions.find((session) => session.id === sessionId);
  }

  #decide(operator: Operator, permission: Permission, realm?: string, isConsoleAdmin?: boolean) {
    return decide({
      operator,
      permission,
      realm,
      managedRealms: this.#options.managedRealms,
      target: isConsoleAdmin === undefined ? undefined : { isConsoleAdmin },
    });
  }

  #authorize(operator: Operator, permission: Permission, realm?: string): void {
    authorize(operator, permission, this.#options.managedRealms, realm);
  }

  /**
   * Like #authorize, but a refusal of a destructive action is itself recorded, naming the target
   * user when `resolveTarget` can find them (from the snapshot or from Keycloak).
   */
  async #authorizeAction(
    context: ActionContext,
    permission: Permission,
    intent: AuditIntent,
    resolveTarget?: () => Promise<AuditIntent['targetUser']>,
  ): Promise<void> {
    const decision = this.#decide(context.operator, permission, intent.realm);
    if (decision.allowed) return;
    // An unmanaged realm is not something to act in, so there is nothing to record.
    if (decision.status === 403) {
      if (!intent.targetUser && resolveTarget) intent.targetUser = await resolveTarget().catch(() => null);
      await this.#trail.refuse(context.actor, intent, decision.reason);
    }
    throw new HttpError(decision.status, decision.code, decision.reason);
  }

  /** The escalation guard, read from Keycloak just before acting; a guard that cannot tell refuses (and records) the action. */
  async #guardTarget(context: ActionContext, permission: Permission, intent: AuditIntent, userId: string, serviceAccountOf: string | null = null): Promise<void> {
    const accountDecision = decide({
      operator: context.operator,
      permission,
      realm: intent.realm,
      managedRealms: this.#options.managedRealms,
      target: { isConsoleAdmin: false, serviceAccountOf, consoleServiceClientId: this.#options.serviceClientId },
    });
    if (!accountDecision.allowed) {
      await this.#trail.refuse(context.actor, intent, accountDecision.reason);
      throw new HttpError(accountDecision.status, accountDecision.code, accountDecision.reason);
    }
    const guard = await guardTarget(
      { keycloak: this.#keycloak, trail: this.#trail, managedRealms: this.#options.managedRealms },
      context,
      permission,
      intent,
      userId,
    );
    if (!guard.allowed) throw guard.refusal;
  }
}
