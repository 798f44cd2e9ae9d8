import { adminEventFilterProblems, loginEventFilterProblems } from '@session-desk/contracts/rules';
import { isCalendarDay, localDayToIso } from '@/lib/local-day';

/**
 * What the Keycloak events page shows, kept in the URL. The two tabs have their own filters;
 * switching tab starts the other one unfiltered. Values the API would refuse are left out of the
 * request (and reported) instead of breaking the page.
 */
export type EventsTab = 'login' | 'admin';

export interface EventsView {
  tab: EventsTab;
  /** Login events: a Keycloak event type such as LOGIN. */
  type: string;
  /** Login events: a user id. */
  user: string;
  /** Login events: a clientId. */
  client: string;
  /** Login events: an IP address. */
  ip: string;
  /** Admin events: CREATE, UPDATE, DELETE or ACTION. */
  operation: string;
  /** Admin events: a resource type such as USER_SESSION. */
  resourceType: string;
  /** YYYY-MM-DD in the operator's time zone, inclusive (sent as the instants that bound the days). */
  from: string;
  to: string;
  first: number;
  max: EventsPageSize;
}

export const EVENTS_PAGE_SIZES = [25, 50, 100] as const;
export type EventsPageSize = (typeof EVENTS_PAGE_SIZES)[number];

export const defaultEventsView: EventsView = {
  tab: 'login',
  type: '',
  user: '',
  client: '',
  ip: '',
  operation: '',
  resourceType: '',
  from: '',
  to: '',
  first: 0,
  max: 50,
};

const loginFilterKeys = ['type', 'user', 'client', 'ip', 'from', 'to'] as const;
const adminFilterKeys = ['operation', 'resourceType', 'from', 'to'] as const;
type FilterKey = (typeof loginFilterKeys)[number] | (typeof adminFilterKeys)[number];

export function filterKeysOf(tab: EventsTab): readonly FilterKey[] {
  return tab === 'login' ? loginFilterKeys : adminFilterKeys;
}

const MAX_FIRST = 100_000;

function isPageSize(value: number): value is EventsPageSize {
  return (EVENTS_PAGE_SIZES as readonly number[]).includes(value);
}

export function readEventsView(params: URLSearchParams): EventsView {
  const tab: EventsTab = params.get('tab') === 'admin' ? 'admin' : 'login';
  const first = Number(params.get('first'));
  const max = Number(params.get('max'));
  const view: EventsView = {
    ...defaultEventsView,
    tab,
    first: Number.isSafeInteger(first) && first >= 0 && first <= MAX_FIRST ? first : 0,
    max: isPageSize(max) ? max : defaultEventsView.max,
  };
  for (const key of filterKeysOf(tab)) view[key] = (params.get(key) ?? '').trim().slice(0, 255);
  return view;
}

export function writeEventsView(view: EventsView): URLSearchParams {
  const params = new URLSearchParams();
  if (view.tab !== 'login') params.set('tab', view.tab);
  for (const key of filterKeysOf(view.tab)) if (view[key]) params.set(key, view[key]);
  if (view.first !== 0) params.set('first', String(view.first));
  if (view.max !== defaultEventsView.max) params.set('max', String(view.max));
  return params;
}

/** Another tab starts unfiltered on its first page; another filter or page size starts at the first page. */
export function applyEventsViewChange(current: EventsView, patch: Partial<EventsView>): EventsView {
  if (patch.tab !== undefined && patch.tab !== current.tab) return { ...defaultEventsView, tab: patch.tab, max: current.max };
  const next = { ...current, ...patch };
  const listChanged = ([...filterKeysOf(current.tab), 'max'] as const).some((key) => key in patch && patch[key] !== current[key]);
  if (listChanged && !('first' in patch)) next.first = 0;
  return next;
}

export function hasActiveEventFilters(view: EventsView): boolean {
  return filterKeysOf(view.tab).some((key) => view[key] !== '');
}

export function clearEventFilters(view: EventsView): EventsView {
  return { ...defaultEventsView, tab: view.tab, max: view.max };
}

export interface RejectedFilter {
  key: FilterKey;
  value: string;
  /** Why the API would refuse it, e.g. "must be an IP address". */
  problem: string;
}

export interface LoginEventsParams {
  type?: string;
  user?: string;
  client?: string;
  ip?: string;
  from?: string;
  to?: string;
  first: number;
  max: number;
}

export interface AdminEventsParams {
  operation?: string;
  resourceType?: string;
  from?: string;
  to?: string;
  first: number;
  max: number;
}

/**
 * Each filter checked with the contracts' own rule for that query parameter. The "From" and "To"
 * days are the operator's calendar days: they are sent as the instants that start and end them in
 * the browser's time zone (Keycloak would read a bare date as a UTC day).
 */
function checked<K extends FilterKey>(view: EventsView, problems: Readonly<Record<K, (value: string) => string | undefined>>) {
  const accepted: Partial<Record<K | 'from' | 'to', string>> = {};
  const rejected: RejectedFilter[] = [];
  const sent: EventsView = {
    ...view,
    from: isCalendarDay(view.from) ? localDayToIso(view.from, 'start') : view.from,
    to: isCalendarDay(view.to) ? localDayToIso(view.to, 'end') : view.to,
  };
  for (const key of Object.keys(problems) as K[]) {
    const value = sent[key];
    if (!value) continue;
    const problem = problems[key](value);
    if (problem === undefined) accepted[key] = value;
    else rejected.push({ key, value, problem });
  }
  if (accepted.from && accepted.to && Date.parse(accepted.from) > Date.parse(accepted.to)) {
    rejected.push({ key: 'to', value: view.to, problem: 'is before “From”' });
    delete accepted.to;
  }
  return { accepted, rejected };
}

/** The login events query the API accepts, and the filters left out because it would refuse them. */
export function loginEventsParams(view: EventsView): { params: LoginEventsParams; rejected: RejectedFilter[] } {
  const { accepted, rejected } = checked(view, loginEventFilterProblems);
  return { params: { ...accepted, first: view.first, max: view.max }, rejected };
}

export function adminEventsParams(view: EventsView): { params: AdminEventsParams; rejected: RejectedFilter[] } {
  const { accepted, rejected } = checked(view, adminEventFilterProblems);
  return { params: { ...accepted, first: view.first, max: view.max }, rejected };
}

/** Common Keycloak login event types, for the type filter (any other valid type from a link still works). */
export const loginEventTypes = [
  'LOGIN',
  'LOGIN_ERROR',
  'LOGOUT',
  'LOGOUT_ERROR',
  'CODE_TO_TOKEN',
  'CODE_TO_TOKEN_ERROR',
  'REFRESH_TOKEN',
  'REFRESH_TOKEN_ERROR',
  'CLIENT_LOGIN',
  'CLIENT_LOGIN_ERROR',
  'TOKEN_EXCHANGE',
  'INTROSPECT_TOKEN',
  'USER_INFO_REQUEST',
  'REVOKE_GRANT',
  'UPDATE_PASSWORD',
  'UPDATE_PROFILE',
  'SEND_RESET_PASSWORD',
  'RESET_PASSWORD',
  'REGISTER',
] as const;

export const adminOperations = ['CREATE', 'UPDATE', 'DELETE', 'ACTION'] as const;

export const adminResourceTypes = [
  'USER',
  'USER_SESSION',
  'CLIENT',
  'CLIENT_SCOPE',
  'REALM',
  'REALM_ROLE',
  'CLIENT_ROLE',
  'REALM_ROLE_MAPPING',
  'CLIENT_ROLE_MAPPING',
  'GROUP',
  'GROUP_MEMBERSHIP',
  'IDENTITY_PROVIDER',
  'AUTH_FLOW',
  'COMPONENT',
] as const;

/** Human labels for admin operations. */
export const operationLabels: Record<(typeof adminOperations)[number], string> = {
  CREATE: 'Create',
  UPDATE: 'Update',
  DELETE: 'Delete',
  ACTION: 'Action',
};

/** "LOGIN_ERROR" → "Login error". */
export function humanizeConstant(value: string): string {
  const words = value.toLowerCase().replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
