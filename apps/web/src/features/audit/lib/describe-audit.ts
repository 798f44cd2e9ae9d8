import type { AuditAction, AuditOutcome, AuditTrailOutcome } from '@session-desk/contracts';
import type { AuditFilter } from './audit-filter';

/** What an operator did, in words. */
export const auditActionLabels: Record<AuditAction, string> = {
  'session.end': 'Ended a session',
  'user.logout': 'Logged a user out everywhere',
  'own-session.end': 'Ended one of their own sessions',
  'bulk.start': 'Started a bulk job',
  'bulk.item': 'Ended a session in a bulk job',
  'bulk.cancel': 'Cancelled a bulk job',
  'realm.logout-all': 'Signed out everyone in the realm',
  'realm.revoke-tokens': 'Revoked all tokens of the realm',
  'concerns.configure': 'Changed the rules of the sessions of concern',
};

export const auditOutcomeLabels: Record<AuditOutcome, string> = {
  attempted: 'Attempted',
  succeeded: 'Succeeded',
  failed: 'Failed',
  refused: 'Refused',
  unknown: 'Unknown',
};

/** The outcomes the trail can be filtered by, in a sensible order. */
export const filterableOutcomes: readonly AuditTrailOutcome[] = ['succeeded', 'failed', 'refused', 'unknown'];

/** Why an outcome can be 'unknown': Session Desk stopped between asking Keycloak and writing down the answer. */
export const unknownOutcomeExplanation =
  'Session Desk recorded the attempt but stopped before it could record the outcome. Check in Keycloak whether the change happened.';

/** "a1b2c3d4…" for long ids (sessions, jobs); the full id goes in a title. */
export function shortId(id: string, length = 8): string {
  return id.length > length + 1 ? `${id.slice(0, length)}…` : id;
}

/** The filter in words for screen readers and empty states: "by hal.helpdesk, about alice.martin, failed". */
export function describeAuditFilter(filter: AuditFilter): string {
  const parts: string[] = [];
  if (filter.operator) parts.push(`by ${filter.operator}`);
  if (filter.user) parts.push(`about ${filter.user}`);
  if (filter.realm) parts.push(`in ${filter.realm}`);
  if (filter.action) parts.push(auditActionLabels[filter.action].toLowerCase());
  if (filter.outcome) parts.push(`outcome ${auditOutcomeLabels[filter.outcome].toLowerCase()}`);
  if (filter.jobId) parts.push(`bulk job ${shortId(filter.jobId)}`);
  if (filter.from && filter.to) parts.push(`from ${filter.from} to ${filter.to}`);
  else if (filter.from) parts.push(`since ${filter.from}`);
  else if (filter.to) parts.push(`until ${filter.to}`);
  return parts.join(', ');
}
