import type { LogoutUserResponse, Permission, SessionRow, UserDetailQuery, UserDetailResponse, UserSearchResponse } from '@session-desk/contracts';
import type { ActionContext } from '../actions/action-context.js';
import { FeatureService } from '../actions/action-runner.js';
import type { AuditIntent } from '../audit/audit-trail.js';
import type { Operator } from '../auth/operator.js';
import { HttpError } from '../http/errors.js';
import { decide } from '../policy/decide.js';
import { hasPermission } from '../policy/permissions.js';
import { withRevocations, type NotBefores } from '../sessions/revocation.js';
import { summarizeLocations } from '../geo/location-summary.js';
import type { Locate } from '../geo/ip-locator.js';
import type { AuditStore } from '../audit/audit-store.js';
import type { FeatureDeps } from '../actions/action-runner.js';
import { endedLocations } from './ended-locations.js';

const locationsOf = (rows: SessionRow[]) => {
  const locations = summarizeLocations(rows.map((row) => row.location));
  return locations ? { locations } : {};
};

/** Distinct session addresses a logout record keeps at most (the record's details are bounded). */
const MAX_LOGOUT_ADDRESSES = 50;

const DEFAULT_USER_PAGE: UserDetailQuery = { first: 0, max: 100, offlineFirst: 0, offlineMax: 100 };

const settled = <T>(result: PromiseSettledResult<T>): T => {
  if (result.status === 'rejected') throw result.reason;
  return result.value;
};

/**
 * The users of a managed realm: search, the user page (the user, their sessions a page at a time,
 * and what the operator may do to them), and logging a user out everywhere.
 */
export class UsersService extends FeatureService {
  readonly #trail: AuditStore;
  readonly #locate: Locate | undefined;

  /** `trail`: read for the locations of the user's ended sessions; `locate`: absent when IP location is off. */
  constructor(deps: FeatureDeps, history: { trail: AuditStore; locate?: Locate | undefined }) {
    super(deps);
    this.#trail = history.trail;
    this.#locate = history.locate;
  }

  search(realm: string, query: string, max: number): Promise<UserSearchResponse> {
    return this.keycloak.searchUsers(realm, query, max);
  }

  async detail(operator: Operator, realm: string, userId: string, page: UserDetailQuery = DEFAULT_USER_PAGE): Promise<UserDetailResponse> {
    // One round trip deep: the user, their sessions and the realm's not-before are asked for at once.
    const locate = this.#locate;
    const [found, regular, offline, admin, realmNotBefore, ended] = await Promise.allSettled([
      this.keycloak.findUser(realm, userId),
      this.keycloak.userSessions(realm, userId, null),
      this.keycloak.userOfflineSessions(realm, userId, null),
      this.keycloak.isConsoleAdmin(realm, userId).catch((err: unknown) => {
        if (err instanceof HttpError && err.code === 'escalation_guard_unavailable') return err;
        throw err;
      }),
      this.keycloak.realmNotBefore(realm),
      locate
        ? endedLocations(this.#trail, locate, realm, userId, hasPermission(operator.roles, 'audit:read') ? {} : { operatorId: operator.id })
        : Promise.resolve(undefined),
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
      clients: await this.keycloak.clientNotBefores(realm, [...regularPage, ...offlinePage].flatMap((row) => row.clients.map((client) => client.id))),
    };
    const shown = (rows: SessionRow[]) => withRevocations(rows.map((row) => ({ ...row, email })), notBefores);
    const sessions = shown(regularPage);
    const offlineSessions = shown(offlinePage);
    const guard = settled(admin);
    // Fail closed: when Keycloak cannot say whether the user administers the console, only administrators may act.
    const isConsoleAdmin = guard instanceof HttpError ? null : guard;
    // What the page offers mirrors the policy of the end-session and logout endpoints.
    const guardDecision = (permission: Permission) =>
      guard instanceof HttpError && !operator.roles.includes('admin')
        ? ({ allowed: false, reason: guard.message } as const)
        : decide({
            operator,
            permission,
            realm,
            managedRealms: this.actions.managedRealms,
            target: isConsoleAdmin === null ? undefined : { isConsoleAdmin },
          });
    const endDecision = guardDecision('sessions:end');
    const logoutDecision = guardDecision('users:logout');
    const refusal = [endDecision, logoutDecision].find((decision) => !decision.allowed);
    const endedSummary = settled(ended);
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
      // Where the user is signed in: sessions Keycloak no longer honours (an offline session kept by
      // "log out everywhere" without offline) are listed as revoked, not counted as live.
      ...locationsOf(withRevocations([...allRegular, ...allOffline], notBefores).filter((row) => !row.revoked)),
      ...(endedSummary ? { endedLocations: endedSummary } : {}),
      page,
      notBefore: userNotBefore > 0 ? new Date(userNotBefore * 1000).toISOString() : null,
      allowedActions: {
        endSession: endDecision.allowed,
        logout: logoutDecision.allowed,
        refusal: refusal && !refusal.allowed ? refusal.reason : null,
      },
    };
  }

  /**
   * Logs the user out of every session (Keycloak's user logout), and with `includeOffline` also
   * revokes each client's offline access. Throws 404 for an unknown user, 403 when refused.
   */
  async logout(context: ActionContext, realm: string, userId: string, body: { reason: string; includeOffline: boolean }): Promise<LogoutUserResponse> {
    const intent: AuditIntent = { action: 'user.logout', realm, targetUser: null, sessionId: null, reason: body.reason };
    await this.actions.authorize(context, intent, async () => {
      const user = await this.keycloak.findUser(realm, userId);
      return user?.id ? { id: user.id, username: user.username ?? '' } : null;
    });
    const user = await this.keycloak.findUser(realm, userId);
    if (!user?.id) throw new HttpError(404, 'not_found', 'There is no such user in this realm. Nothing was changed.');
    const username = user.username ?? '';
    intent.targetUser = { id: userId, username };
    await this.actions.guardOrThrow(context, intent, userId, await this.keycloak.serviceAccountClientOf(realm, user));

    const email = user.email ?? null;
    const regular = await this.keycloak.userSessions(realm, userId, email);
    // Read whether or not they are to be ended: Keycloak's logout revokes them either way (see below).
    const offline = await this.keycloak.userOfflineSessions(realm, userId, email);
    const offlineClients = body.includeOffline ? await this.keycloak.offlineClients(realm, userId) : [];
    // The ended sessions' addresses, so the user page can say where their ended sessions came from.
    const ipAddresses = [...new Set([...regular, ...(body.includeOffline ? offline : [])].map((row) => row.ipAddress))].slice(0, MAX_LOGOUT_ADDRESSES);
    intent.details = { includeOffline: body.includeOffline, regularSessions: regular.length, offlineSessions: offline.length, ipAddresses };

    const revoked: string[] = [];
    const ended = {
      endedRegular: regular.length,
      endedOffline: body.includeOffline ? offline.length : 0,
      revokedOffline: body.includeOffline ? 0 : offline.length,
    };
    const notBefore = await this.actions.run(
      context,
      intent,
      async () => {
        await this.keycloak.logoutUser(realm, userId, regular.length);
        for (const client of offlineClients) {
          await this.keycloak.revokeOfflineAccess(realm, userId, client.clientId);
          revoked.push(client.clientId);
        }
        // Keycloak's user logout moves the user's not-before to now: every token issued before it is
        // refused from then on, offline refresh tokens included. Offline sessions left in place are
        // still listed by Keycloak but no longer work, so they are reported (and shown) as revoked.
        const seconds = (await this.keycloak.findUser(realm, userId).catch(() => undefined))?.notBefore || Math.floor(Date.now() / 1000);
        return new Date(seconds * 1000).toISOString();
      },
      (at) => ({ ...ended, notBefore: at, offlineClients: revoked, ipAddresses }),
      () => ({ ...intent.details, offlineClientsRevoked: revoked }),
    );
    const result: LogoutUserResponse = { userId, username, ...ended, notBefore, offlineClients: revoked };
    this.snapshots.forget(realm, (row) => row.userId === userId && (body.includeOffline || row.type === 'regular'));
    this.snapshots.revoke(realm, (row) => row.userId === userId, { by: 'user', at: notBefore });
    return result;
  }
}
