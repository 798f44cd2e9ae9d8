import type { ClientStatsResponse, EndSessionResponse, SessionListQuery, SessionListResponse, SessionRow } from '@session-desk/contracts';
import type { ActionContext } from '../actions/action-context.js';
import { goneError, SESSION_GONE, FeatureService } from '../actions/action-runner.js';
import { alreadyGone, AlreadyGone, type AuditIntent } from '../audit/audit-trail.js';
import type { JsonText } from '../http/json-text.js';

/**
 * The sessions of a managed realm: the list (from the realm's snapshot), the per-client counts, and
 * ending one session. The permission of each endpoint is declared where its route is mapped.
 */
export class SessionsService extends FeatureService {

  list(realm: string, query: SessionListQuery): Promise<SessionListResponse> {
    return this.snapshots.list(realm, query);
  }

  /** `list`, as the JSON text the route sends (each page serialized once per snapshot). */
  listText(realm: string, query: SessionListQuery): Promise<JsonText<SessionListResponse>> {
    return this.snapshots.listText(realm, query);
  }

  /** Active and offline session counts per client, busiest first (ties by client id). */
  async clientStats(realm: string): Promise<ClientStatsResponse> {
    const clients = await this.keycloak.clientStats(realm);
    return { clients: clients.sort((a, b) => b.active + b.offline - (a.active + a.offline) || a.clientId.localeCompare(b.clientId)) };
  }

  /**
   * Ends one session, found in the realm's snapshot (or, with `userId`, among that user's sessions
   * read live). Throws 404 when it is gone, 403 when the policy or the escalation guard refuses.
   */
  async end(
    context: ActionContext,
    realm: string,
    sessionId: string,
    offline: boolean,
    body: { reason: string; userId?: string | undefined },
  ): Promise<EndSessionResponse> {
    const type = offline ? 'offline' : 'regular';
    const intent: AuditIntent = { action: 'session.end', realm, targetUser: null, sessionId, reason: body.reason };
    const locate = () => this.#locate(realm, sessionId, type, body.userId);
    await this.actions.authorize(context, intent, async () => {
      const session = await locate();
      return session ? { id: session.userId, username: session.username } : null;
    });
    const session = await locate();
    if (!session) {
      // Named under a user it does not belong to: recorded as refused (see goneOrSomeoneElses).
      if (body.userId) await this.goneOrSomeoneElses(context, intent, { realm, id: sessionId, type, namedOwner: body.userId }, goneError('This session'));
      throw goneError('This session');
    }
    intent.targetUser = { id: session.userId, username: session.username };
    // The session's address, so the user page can say where their ended sessions came from.
    intent.details = { type, clients: session.clients.map((client) => client.clientId), ipAddress: session.ipAddress };
    await this.actions.guardOrThrow(context, intent, session.userId);

    const ended = await this.actions.run(context, intent, async () =>
      (await this.keycloak.deleteSession(realm, sessionId, offline)) ? true : alreadyGone(SESSION_GONE),
    );
    if (ended instanceof AlreadyGone) throw goneError('This session');
    this.snapshots.forget(realm, (row) => row.id === sessionId && row.type === type);
    return { ended: true, sessionId, userId: session.userId, username: session.username, type };
  }

  async #locate(realm: string, sessionId: string, type: SessionRow['type'], userId?: string): Promise<SessionRow | undefined> {
    if (!userId) return this.snapshots.find(realm, sessionId, type);
    const user = await this.keycloak.findUser(realm, userId);
    if (!user?.id) return undefined;
    const email = user.email ?? null;
    const sessions =
      type === 'regular' ? await this.keycloak.userSessions(realm, userId, email) : await this.keycloak.userOfflineSessions(realm, userId, email);
    return sessions.find((session) => session.id === sessionId);
  }
}
