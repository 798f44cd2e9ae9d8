/**
 * What Session Desk needs from a Keycloak, in one place: `setup` creates it, `doctor` checks it.
 */

export type OperatorRole = 'admin' | 'helpdesk' | 'auditor';

/** The operator client's roles; an operator holds exactly one of them. */
export const OPERATOR_ROLES: ReadonlyArray<{ role: OperatorRole; description: string; group: string }> = [
  { role: 'admin', description: 'Session Desk administrator: sees and ends any session, manages the desk.', group: 'session-desk-admins' },
  { role: 'helpdesk', description: 'Session Desk helpdesk: looks up users and ends their sessions.', group: 'session-desk-helpdesk' },
  { role: 'auditor', description: 'Session Desk auditor: read-only access to sessions and events.', group: 'session-desk-auditors' },
];

/**
 * The realm-management client roles the BFF's service account needs in every managed realm, and
 * nothing more. Each entry says what breaks without it (doctor prints it).
 */
export const SERVICE_ACCOUNT_ROLE_USES: ReadonlyArray<{ role: string; usedFor: string }> = [
  { role: 'view-users', usedFor: "reading users and a user's sessions" },
  { role: 'query-users', usedFor: 'searching users' },
  { role: 'manage-users', usedFor: 'ending sessions and logging users out' },
  { role: 'view-clients', usedFor: "listing each client's sessions (the realm list) and reading the escalation guard's roles" },
  { role: 'query-clients', usedFor: 'finding clients' },
  { role: 'view-realm', usedFor: 'session counts per client and realm settings' },
  { role: 'view-events', usedFor: 'the events pages' },
  { role: 'manage-realm', usedFor: 'revoking tokens realm-wide (not-before, push revocation)' },
];

export const SERVICE_ACCOUNT_ROLES: readonly string[] = SERVICE_ACCOUNT_ROLE_USES.map((entry) => entry.role);

/** The client holding Keycloak's per-realm admin roles. */
export const REALM_MANAGEMENT_CLIENT = 'realm-management';

export const DEFAULT_OPERATOR_CLIENT_ID = 'session-desk';
export const DEFAULT_SERVICE_CLIENT_ID = 'session-desk-service';

/** Paths of the BFF under its public origin (see apps/bff/src/config.ts). */
export const CALLBACK_PATH = '/auth/callback';
export const SIGNED_OUT_PATH = '/signed-out';
export const BACKCHANNEL_LOGOUT_PATH = '/auth/backchannel-logout';

/** The console's URLs that Keycloak must know, derived from its public origin (`https://desk.example.com`). */
export function consoleUrls(publicUrl: string): { origin: string; redirectUri: string; postLogoutRedirectUri: string; backchannelLogoutUrl: string } {
  const origin = new URL(publicUrl).origin;
  return {
    origin,
    redirectUri: `${origin}${CALLBACK_PATH}`,
    postLogoutRedirectUri: `${origin}${SIGNED_OUT_PATH}`,
    backchannelLogoutUrl: `${origin}${BACKCHANNEL_LOGOUT_PATH}`,
  };
}

/** Keycloak majors the console is tested against (the README's compat table). */
export const SUPPORTED_KEYCLOAK_MAJORS: readonly number[] = [24, 25, 26];

/** Whether a Keycloak version string such as `26.0.8` or `24.0.5.redhat-00001` is supported. */
export function isSupportedKeycloakVersion(version: string): boolean {
  const major = Number(/^(\d+)\./.exec(version)?.[1]);
  return SUPPORTED_KEYCLOAK_MAJORS.includes(major);
}
