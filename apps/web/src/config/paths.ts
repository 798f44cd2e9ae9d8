/** The console's URLs, built in one place (path segments always encoded). */
const segment = encodeURIComponent;

export const paths = {
  home: '/',
  /** Redirects to the default realm's sessions. */
  sessionsEntry: '/sessions',
  /** Redirects to the default realm's user search. */
  usersEntry: '/users',
  sessions: (realm: string) => `/realms/${segment(realm)}/sessions`,
  users: (realm: string) => `/realms/${segment(realm)}/users`,
  user: (realm: string, userId: string) => `/realms/${segment(realm)}/users/${segment(userId)}`,
  mySessions: '/me/sessions',
  /** The audit trail; `search` is a ready query string (e.g. from the audit filter), without "?". */
  audit: (search = '') => (search ? `/audit?${search}` : '/audit'),
  /** Redirects to the default realm's Keycloak events. */
  eventsEntry: '/events',
  events: (realm: string) => `/realms/${segment(realm)}/events`,
  /** The connection checks (what `npm run doctor` checks), admins only. */
  connection: '/connection',
} as const;
