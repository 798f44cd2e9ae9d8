/**
 * The console's routes, one source each: the pattern the router maps and the link builder that
 * fills it (path segments always encoded). A static route is its own link.
 */
const segment = encodeURIComponent;

type Route<Params extends string[]> = ((...values: Params) => string) & { readonly pattern: string };

/** A route with `:name` segments: called with their values, in order, it gives the link. */
function route<Params extends string[]>(pattern: string): Route<Params> {
  const link = (...values: Params) => {
    let next = 0;
    return pattern.replace(/:\w+/g, () => segment(values[next++] ?? ''));
  };
  return Object.assign(link, { pattern });
}

const auditRoute = route<[]>('/audit');

export const paths = {
  home: '/',
  /** Redirects to the default realm's sessions. */
  sessionsEntry: '/sessions',
  /** Redirects to the default realm's user search. */
  usersEntry: '/users',
  /** Any page of a realm (redirects to its sessions). */
  realm: route<[realm: string]>('/realms/:realm'),
  sessions: route<[realm: string]>('/realms/:realm/sessions'),
  users: route<[realm: string]>('/realms/:realm/users'),
  user: route<[realm: string, userId: string]>('/realms/:realm/users/:userId'),
  mySessions: '/me/sessions',
  /** The audit trail; `search` is a ready query string (e.g. from the audit filter), without "?". */
  audit: Object.assign((search = '') => (search ? `${auditRoute()}?${search}` : auditRoute()), { pattern: auditRoute.pattern }),
  /** Redirects to the default realm's Keycloak events. */
  eventsEntry: '/events',
  events: route<[realm: string]>('/realms/:realm/events'),
  /** Redirects to the default realm's sessions of concern. */
  concernsEntry: '/concerns',
  /** Sessions of concern: what the rules flag in a realm, with the reason for each. */
  concerns: route<[realm: string]>('/realms/:realm/concerns'),
  /** The connection checks (what `npm run doctor` checks), admins only. */
  connection: '/connection',
  /** Outside the shell: after sign-out. */
  signedOut: '/signed-out',
} as const;

/** A path segment as it stands in the URL, decoded (kept as it is when it is not valid percent-encoding). */
export function decodeSegment(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * The decoded `:name` values when `pathname` is `pattern` (case-insensitive, a trailing slash
 * allowed, as the router matches), or lies below it with `prefix`; undefined when it does not
 * match. `*` matches any path.
 */
export function matchPattern(pattern: string, pathname: string, { prefix = false } = {}): Record<string, string> | undefined {
  if (pattern === '*') return {};
  const names: string[] = [];
  const source = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/:(\w+)/g, (_, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  const match = new RegExp(`^${source}${prefix ? '(?=/|$)' : '/?$'}`, 'i').exec(pathname);
  if (!match) return undefined;
  return Object.fromEntries(names.map((name, index) => [name, decodeSegment(match[index + 1] ?? '')]));
}
