import type { JobItemOutcome, SessionJob, SessionRow } from '@session-desk/contracts';
import type { ToastOptions } from '@/components/ui/toast';
import { formatCount, formatNumber } from '@/lib/format';
import type { SessionsView } from './sessions-view';

/** "4 sessions of yara.lindqvist", "5 sessions of 3 users: alice.martin, bob.stone and carl.berg". */
export function describeSelection(sessions: ReadonlyArray<Pick<SessionRow, 'username'>>): string {
  const users = [...new Set(sessions.map((session) => session.username))];
  const count = formatCount(sessions.length, 'session');
  if (users.length === 1) return `${count} of ${users[0]}`;
  const shown = users.slice(0, 3);
  const rest = users.length - shown.length;
  const names = rest > 0 ? `${shown.join(', ')} and ${formatCount(rest, 'other')}` : `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}`;
  return `${count} of ${formatNumber(users.length)} users: ${names}`;
}

/**
 * What ending these sessions changes for their users, given how many are revoked already (listed by
 * Keycloak, tokens refused): "Whoever uses them will have to sign in again." or "2 of them are
 * revoked already: … Whoever uses the other 3 will have to sign in again." (one user or many: the
 * same words hold).
 */
export function describeEndConsequence(count: number, revoked: number): string {
  if (revoked === 0) return `Whoever uses ${count === 1 ? 'it' : 'them'} will have to sign in again.`;
  const already =
    revoked >= count
      ? `${count === 1 ? 'It is' : 'All of them are'} revoked already: Keycloak refuses ${count === 1 ? 'its' : 'their'} tokens, so ending only removes ${count === 1 ? 'it' : 'them'} from Keycloak’s list.`
      : `${formatNumber(revoked)} of them ${revoked === 1 ? 'is' : 'are'} revoked already: Keycloak refuses their tokens, so ending only removes them from Keycloak’s list.`;
  return revoked >= count ? already : `${already} Whoever uses the other ${formatNumber(count - revoked)} will have to sign in again.`;
}

/** The country filter in words: `private` and `unknown` are places, not country names. */
function countryWords(country: string): string {
  const key = country.toLowerCase();
  if (key === 'private' || key === 'private network') return 'from private networks';
  if (key === 'unknown') return 'from an unknown country or address';
  if (key === 'unknown address') return 'from unknown addresses';
  return `from ${country}`;
}

/**
 * The list's search and filters in words, as "all matching" will use them:
 * "matching “alice” on demo-portal, offline sessions only".
 */
export function describeMatchingFilter(view: Pick<SessionsView, 'q' | 'client' | 'type'> & Partial<Pick<SessionsView, 'country' | 'network'>>): string {
  const parts: string[] = [];
  const q = view.q.trim();
  if (q) parts.push(`matching “${q}”`);
  if (view.client) parts.push(`on ${view.client}`);
  if (view.type) parts.push(`${view.type} sessions only`);
  if (view.country) parts.push(countryWords(view.country));
  if (view.network) parts.push(`through network “${view.network}”`);
  return parts.length > 0 ? parts.join(', ') : 'with no search or filter: every session, regular and offline';
}

export const jobOutcomeLabels: Record<JobItemOutcome, string> = {
  pending: 'Pending',
  ended: 'Ended',
  'already-gone': 'Already gone',
  failed: 'Failed',
  unknown: 'Not known',
  refused: 'Refused',
  skipped: 'Skipped',
};

export function isJobItemProblem(outcome: JobItemOutcome): boolean {
  return outcome === 'failed' || outcome === 'unknown' || outcome === 'refused';
}

/** The toast once a job has stopped. */
export function summarizeJob(job: SessionJob): ToastOptions {
  const ended = job.items.filter((item) => item.outcome === 'ended').length;
  const gone = job.items.filter((item) => item.outcome === 'already-gone').length;
  const skipped = job.items.filter((item) => item.outcome === 'skipped').length;
  const unknown = job.items.filter((item) => item.outcome === 'unknown').length;
  const details: string[] = [];
  if (gone > 0) details.push(`${formatCount(gone, 'session')} had already ended`);
  // Keycloak was asked and never answered: these may have ended, so they are not called "could not be ended".
  if (job.failed - unknown > 0) details.push(`${formatCount(job.failed - unknown, 'session')} could not be ended`);
  if (unknown > 0) details.push(`Keycloak did not answer for ${formatCount(unknown, 'session')}: whether ${unknown === 1 ? 'it' : 'they'} ended is not known (check before trying again)`);
  if (skipped > 0) details.push(`${formatCount(skipped, 'session')} skipped`);
  const description = details.length > 0 ? `${details.join(', ')}.` : undefined;

  if (job.state === 'cancelled' && job.stopReason) {
    return { tone: 'error', title: `Stopped after ending ${formatCount(ended, 'session')} of ${formatNumber(job.total)}`, description: [job.stopReason, description].filter(Boolean).join(' ') };
  }
  if (job.state === 'cancelled') {
    return { tone: 'info', title: `Stopped: ended ${formatNumber(ended)} of ${formatCount(job.total, 'session')}`, ...(description ? { description } : {}) };
  }
  if (job.state === 'interrupted') {
    return {
      tone: 'error',
      title: `Interrupted after ending ${formatCount(ended, 'session')}`,
      description: `Session Desk stopped before the job finished. ${description ?? ''}`.trim(),
    };
  }
  if (job.failed > 0) {
    return { tone: 'error', title: `Ended ${formatNumber(ended)} of ${formatCount(job.total, 'session')}`, ...(description ? { description } : {}) };
  }
  return { title: `Ended ${formatCount(ended, 'session')}`, ...(description ? { description } : {}) };
}
