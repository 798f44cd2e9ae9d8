/**
 * What differs between the Keycloak versions the console supports, in one place, keyed by the
 * server version the BFF reads from Keycloak (`GET /admin/serverinfo`, as the service account).
 * Measured by `npm run test:compat` (README, "Keycloak versions").
 */
export interface KeycloakBehaviour {
  /** The server version, e.g. `26.7.3`; undefined when it could not be read. */
  version: string | undefined;
  /**
   * `POST /admin/realms/{realm}/logout-all` also ends offline sessions. True from 26.2 on; 24.0,
   * 25.0 and 26.0 keep them (measured). Unknown versions are treated as keeping them, so the
   * console never claims more than Keycloak did.
   */
  logoutAllEndsOfflineSessions: boolean;
}

/** `[major, minor]` of a version such as `26.0.8` or `24.0.5.redhat-00001`; undefined if unreadable. */
export function majorMinor(version: string | undefined): [number, number] | undefined {
  const match = /^(\d+)\.(\d+)/.exec(version ?? '');
  return match ? [Number(match[1]), Number(match[2])] : undefined;
}

const atLeast = (version: [number, number] | undefined, major: number, minor: number) =>
  version !== undefined && (version[0] > major || (version[0] === major && version[1] >= minor));

export function keycloakBehaviour(version: string | undefined): KeycloakBehaviour {
  const parsed = majorMinor(version);
  return { version, logoutAllEndsOfflineSessions: atLeast(parsed, 26, 2) };
}
