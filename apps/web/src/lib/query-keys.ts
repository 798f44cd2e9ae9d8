/**
 * Every server-state cache key of the console, in one place. Features share keys only through
 * this module, so a mutation in one feature can invalidate exactly the queries of another it
 * changes (ending a session changes the realm's session lists, that user's page and the client
 * counts) without importing that feature's internals.
 *
 * Realm-scoped keys start with `['realm', name]`; the realm list uses its own root so that
 * invalidating it never touches realm data.
 */
export const queryKeys = {
  realmList: () => ['realm-list'] as const,
  realm: (realm: string) => ['realm', realm] as const,
  /** Prefix of every session list of a realm (all searches, filters, sorts and pages). */
  sessionLists: (realm: string) => ['realm', realm, 'sessions'] as const,
  sessionList: (realm: string, params: Record<string, string | number | undefined>) =>
    ['realm', realm, 'sessions', params] as const,
  clientStats: (realm: string) => ['realm', realm, 'client-stats'] as const,
  /** Prefix of the sessions of concern of a realm: its lists (per rule) and its count (the nav badge). Ending sessions changes them. */
  concerns: (realm: string) => ['realm', realm, 'concerns'] as const,
  concernList: (realm: string, rule: string | undefined) => ['realm', realm, 'concerns', 'list', rule ?? 'all'] as const,
  concernCount: (realm: string) => ['realm', realm, 'concerns', 'count'] as const,
  /** The rules' settings of a realm (not under `concerns`: ending sessions leaves them as they are). */
  concernSettings: (realm: string) => ['realm', realm, 'concern-settings'] as const,
  userSearch: (realm: string, q: string) => ['realm', realm, 'user-search', q] as const,
  /** Prefix of every user page of a realm. */
  users: (realm: string) => ['realm', realm, 'user'] as const,
  user: (realm: string, userId: string) => ['realm', realm, 'user', userId] as const,
  loginEvents: (realm: string, params: Record<string, string | number | undefined>) =>
    ['realm', realm, 'login-events', params] as const,
  adminEvents: (realm: string, params: Record<string, string | number | undefined>) =>
    ['realm', realm, 'admin-events', params] as const,
  mySessions: () => ['me', 'sessions'] as const,
  /**
   * Prefix of every audit trail list (all filters, the user pages' history). Every destructive
   * action writes a record, so its mutation invalidates this too.
   */
  auditLists: () => ['audit', 'list'] as const,
  auditList: (params: Record<string, string | number | undefined>) => ['audit', 'list', params] as const,
  auditVerify: () => ['audit', 'verify'] as const,
  /** The connection checks toward Keycloak (the Connection page). */
  connection: () => ['connection'] as const,
  /** A bulk job, polled while it runs (not realm-scoped: its URL is not). */
  sessionJob: (jobId: string) => ['session-job', jobId] as const,
};
