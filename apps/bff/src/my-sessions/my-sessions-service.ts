import type { EndMySessionResponse, MySessionsResponse } from '@session-desk/contracts';
import type { ActionContext } from '../actions/action-context.js';
import { goneError, SESSION_GONE, FeatureService } from '../actions/action-runner.js';
import { alreadyGone, AlreadyGone, type AuditIntent } from '../audit/audit-trail.js';
import type { Operator } from '../auth/operator.js';
import { HttpError } from '../http/errors.js';

/** The operator's own sessions in the console's realm (`operatorRealm`): list them, end one that is not the current one. */
export class MySessionsService extends FeatureService {
  readonly #operatorRealm: string;

  constructor(deps: ConstructorParameters<typeof FeatureService>[0], operatorRealm: string) {
    super(deps);
    this.#operatorRealm = operatorRealm;
  }

  /** The current session first, then by last access, newest first. */
  async list(operator: Operator, currentSessionId: string | undefined): Promise<MySessionsResponse> {
    const sessions = await this.keycloak.userSessions(this.#operatorRealm, operator.id, operator.email);
    return {
      items: sessions
        .map((session) => ({ ...session, current: session.id === currentSessionId }))
        .sort((a, b) => Number(b.current) - Number(a.current) || b.lastAccess.localeCompare(a.lastAccess)),
    };
  }

  /** Ends one of the operator's own sessions; 400 for the current one (sign out instead), 404 when it is not theirs or gone. */
  async end(context: ActionContext, sessionId: string, currentSessionId: string | undefined): Promise<EndMySessionResponse> {
    const realm = this.#operatorRealm;
    const { operator } = context;
    const owner = { id: operator.id, username: operator.username };
    // The operator is named as the owner, and the fixed reason given, only once the session is known to be
    // theirs: a refusal may be for someone else's id, and then nobody gave that reason.
    const intent: AuditIntent = { action: 'own-session.end', realm, targetUser: null, sessionId, reason: null };
    const isOwn = async () => (await this.keycloak.userSessions(realm, operator.id, operator.email)).some((session) => session.id === sessionId);
    await this.actions.authorize(context, intent, async () => ((await isOwn()) ? owner : null));
    if (sessionId === currentSessionId) {
      throw new HttpError(400, 'bad_request', 'This is the session you are using now: use Sign out instead.');
    }
    // Someone else's session is recorded as refused before the 404 (see goneOrSomeoneElses).
    if (!(await isOwn())) await this.goneOrSomeoneElses(context, intent, { realm, id: sessionId, namedOwner: operator.id }, goneError('This session of yours'));
    intent.targetUser = owner;
    intent.reason = 'Operator ended one of their own sessions';
    const ended = await this.actions.run(context, intent, async () =>
      (await this.keycloak.deleteSession(realm, sessionId, false)) ? true : alreadyGone(SESSION_GONE),
    );
    if (ended instanceof AlreadyGone) throw goneError('This session of yours');
    this.snapshots.forget(realm, (row) => row.id === sessionId);
    return { ended: true, sessionId };
  }
}
