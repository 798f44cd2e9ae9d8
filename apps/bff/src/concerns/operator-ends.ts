import type { AuditAction, AuditRecord } from '@session-desk/contracts';
import type { SessionSighting } from './concern-rules.js';

/** The trail's records of sessions an operator ended in a managed realm. */
export const OPERATOR_ENDING_ACTIONS: readonly AuditAction[] = ['session.end', 'bulk.item', 'user.logout'];

/**
 * The sessions operators ended in one realm, as the audit trail records them: `session.end` and
 * `bulk.item` name the session; `user.logout` ends every session the user had then (Keycloak also
 * moves the user's not-before, so offline sessions left in place stop working too). An end whose
 * outcome is not known yet (or never will be) counts as done; refused and failed ones do not.
 */
export class OperatorEnds {
  readonly #sessions = new Set<string>();
  /** User id → the latest logout (epoch ms): every session started before it was ended. */
  readonly #logouts = new Map<string, number>();

  /** Takes one trail record into account; records of other actions or outcomes are ignored. */
  add(record: AuditRecord): void {
    if (record.outcome !== 'succeeded' && record.outcome !== 'unknown' && record.outcome !== 'attempted') return;
    if ((record.action === 'session.end' || record.action === 'bulk.item') && record.sessionId) this.#sessions.add(record.sessionId);
    if (record.action === 'user.logout' && record.targetUser) {
      const at = Date.parse(record.at);
      if (at > (this.#logouts.get(record.targetUser.id) ?? Number.NEGATIVE_INFINITY)) this.#logouts.set(record.targetUser.id, at);
    }
  }

  /** Whether an operator ended the sighted session. */
  ended(sighting: SessionSighting): boolean {
    return this.#sessions.has(sighting.sessionId) || sighting.started < (this.#logouts.get(sighting.userId) ?? Number.NEGATIVE_INFINITY);
  }
}
