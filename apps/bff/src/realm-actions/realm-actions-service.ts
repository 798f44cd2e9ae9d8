import type { RealmActionResponse } from '@session-desk/contracts';
import type { ActionContext } from '../actions/action-context.js';
import { FeatureService } from '../actions/action-runner.js';
import type { AuditIntent } from '../audit/audit-trail.js';
import { HttpError } from '../http/errors.js';

export type RealmAction = RealmActionResponse['action'];

/** Actions on a whole realm (administrators only): sign everyone out, or revoke every token issued so far. */
export class RealmActionsService extends FeatureService {

  /** Runs `action` on the realm, after the admin typed the realm's name (`confirmRealm`); 400 when it does not match. */
  async run(context: ActionContext, realm: string, action: RealmAction, body: { reason: string; confirmRealm: string }): Promise<RealmActionResponse> {
    const intent: AuditIntent = { action: `realm.${action}`, realm, targetUser: null, sessionId: null, reason: body.reason };
    await this.actions.permit(context, intent);
    if (body.confirmRealm !== realm) {
      await this.actions.refuse(context, intent, new HttpError(400, 'bad_request', `Type the realm's name ("${realm}") to confirm. Nothing was changed.`));
    }
    await this.actions.authorize(context, intent);
    if (action === 'logout-all') {
      const { offlineEnded } = await this.actions.run(context, intent, () => this.keycloak.logoutAll(realm), (result) => result);
      // Keycloak 26.2 and later end offline sessions too; older versions keep them (see server-version.ts).
      this.snapshots.forget(realm, (row) => row.type === 'regular' || offlineEnded);
      return { realm, action, notBefore: null, pushedTo: [], pushFailedFor: [], offlineEnded };
    }
    const notBefore = Math.floor(Date.now() / 1000);
    const pushed = await this.actions.run(context, intent, () => this.keycloak.revokeTokensBefore(realm, notBefore), (result) => ({ notBefore, ...result }));
    const at = new Date(notBefore * 1000).toISOString();
    // Every session stays listed in Keycloak, but none of the tokens it issued is accepted any more.
    this.snapshots.revoke(realm, (row) => Date.parse(row.lastAccess) < notBefore * 1000, { by: 'realm', at });
    return { realm, action, notBefore: at, ...pushed, offlineEnded: false };
  }
}
