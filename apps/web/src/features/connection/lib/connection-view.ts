import type { ConnectionCheck, ConnectionCheckStatus, ConnectionResponse } from '@session-desk/contracts';

export interface CheckGroup {
  key: string;
  title: string;
  description: string;
  checks: ConnectionCheck[];
}

/** Checks about how operators sign in: the operator client in the operator realm, and back-channel logout. */
const signInCheckIds: ReadonlySet<string> = new Set(['redirect-uri', 'operator-client', 'backchannel-logout-url', 'backchannel-logout']);

const labels: Record<string, string> = {
  keycloak: 'Keycloak answers',
  'keycloak-version': 'Keycloak version',
  deadline: 'Checks finished in time',
  admin: 'Admin credentials',
  'service-token': 'Service account gets a token',
  events: 'Login events are saved',
  'admin-events': 'Admin events are saved',
  'redirect-uri': 'Redirect URI matches PUBLIC_URL',
  'operator-client': 'Operator client settings',
  'backchannel-logout-url': 'Back-channel logout URL',
  'backchannel-logout': 'Back-channel logout reaches the console',
};

/** A short name for a check id (`service-role:manage-users` → `Role manage-users`). */
export function checkLabel(id: string): string {
  if (id.startsWith('service-role:')) return `Role ${id.slice('service-role:'.length)}`;
  return labels[id] ?? id;
}

export const statusWords: Record<ConnectionCheckStatus, string> = {
  ok: 'OK',
  warn: 'Warning',
  fail: 'Problem',
  skip: 'Not checked',
};

/**
 * The report in the order an administrator reads it: Keycloak itself, how operators sign in, then
 * each managed realm (its service account's token and roles, its events). Empty groups are left out.
 */
export function groupChecks(report: Pick<ConnectionResponse, 'checks' | 'operatorRealm' | 'managedRealms'>): CheckGroup[] {
  const general = report.checks.filter((check) => !check.realm && !signInCheckIds.has(check.id));
  const signIn = report.checks.filter((check) => signInCheckIds.has(check.id));
  const groups: CheckGroup[] = [
    { key: 'keycloak', title: 'Keycloak', description: 'Whether Keycloak answers, and its version.', checks: general },
    {
      key: 'sign-in',
      title: `Operator sign-in (realm ${report.operatorRealm})`,
      description: 'The operator client: where Keycloak sends operators back, and how it tells the console about sign-outs.',
      checks: signIn,
    },
    ...report.managedRealms.map((realm) => ({
      key: `realm:${realm}`,
      title: `Managed realm ${realm}`,
      description: "The console's service account in this realm, each role the console relies on, and its events.",
      checks: report.checks.filter((check) => check.realm === realm && !signInCheckIds.has(check.id)),
    })),
  ];
  return groups.filter((group) => group.checks.length > 0);
}

/** A failed check in the verdict's list: `Role manage-users (realm staff)`. */
export function problemTitle(check: ConnectionCheck): string {
  return check.realm ? `${checkLabel(check.id)} (realm ${check.realm})` : checkLabel(check.id);
}
