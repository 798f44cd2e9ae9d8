import type { SessionSort, SessionType } from '@session-desk/contracts';
import { isOneOf, sessionSorts, sessionTypes } from '@session-desk/contracts/rules';

/**
 * What the Sessions page shows, kept in the URL query string so a link pasted into a ticket opens
 * the same search, filters, sort and page. Defaults are left out of the URL to keep links short;
 * anything unreadable falls back to the default instead of breaking the page.
 */
export interface SessionsView {
  q: string;
  /** A clientId; '' = all clients. */
  client: string;
  /** '' = both types. */
  type: SessionType | '';
  /** A country code or name, `private` or `unknown`; '' = anywhere. */
  country: string;
  /** Part of a network operator's name, or `AS<number>`; '' = any network. */
  network: string;
  sort: SessionSort;
  first: number;
  max: PageSize;
}

export const PAGE_SIZES = [25, 50, 100] as const;
export type PageSize = (typeof PAGE_SIZES)[number];

export const defaultSessionsView: SessionsView = {
  q: '',
  client: '',
  type: '',
  country: '',
  network: '',
  sort: 'lastAccess:desc',
  first: 0,
  max: 50,
};

const MAX_FIRST = 1_000_000;

function isPageSize(value: number): value is PageSize {
  return (PAGE_SIZES as readonly number[]).includes(value);
}

export function readSessionsView(params: URLSearchParams): SessionsView {
  const type = params.get('type');
  const sort = params.get('sort');
  const max = Number(params.get('max'));
  const first = Number(params.get('first'));
  return {
    q: (params.get('q') ?? '').slice(0, 200),
    client: (params.get('client') ?? '').slice(0, 255),
    type: isOneOf(sessionTypes, type) ? type : defaultSessionsView.type,
    country: (params.get('country') ?? '').trim().slice(0, 100),
    network: (params.get('network') ?? '').trim().slice(0, 200),
    sort: isOneOf(sessionSorts, sort) ? sort : defaultSessionsView.sort,
    first: Number.isSafeInteger(first) && first >= 0 && first <= MAX_FIRST ? first : defaultSessionsView.first,
    max: isPageSize(max) ? max : defaultSessionsView.max,
  };
}

export function writeSessionsView(view: SessionsView): URLSearchParams {
  const params = new URLSearchParams();
  if (view.q) params.set('q', view.q);
  if (view.client) params.set('client', view.client);
  if (view.type) params.set('type', view.type);
  if (view.country) params.set('country', view.country);
  if (view.network) params.set('network', view.network);
  if (view.sort !== defaultSessionsView.sort) params.set('sort', view.sort);
  if (view.first !== defaultSessionsView.first) params.set('first', String(view.first));
  if (view.max !== defaultSessionsView.max) params.set('max', String(view.max));
  return params;
}

/** Changing what is listed (search, filters, sort, page size) starts again at the first page. */
export function applySessionsViewChange(current: SessionsView, patch: Partial<SessionsView>): SessionsView {
  const next = { ...current, ...patch };
  const listChanged = (['q', 'client', 'type', 'country', 'network', 'sort', 'max'] as const).some((key) => key in patch && patch[key] !== current[key]);
  if (listChanged && !('first' in patch)) next.first = 0;
  return next;
}

export function hasActiveFilters(view: SessionsView): boolean {
  return view.q.trim() !== '' || view.client !== '' || view.type !== '' || view.country !== '' || view.network !== '';
}

/** Without search and filters (keeps sort and page size). */
export function clearFilters(view: SessionsView): SessionsView {
  return { ...view, q: '', client: '', type: '', country: '', network: '', first: 0 };
}

/**
 * The query string to keep when switching to another realm: the search, type, country, network,
 * sort and page size still make sense there; a client filter and a page position do not.
 */
export function sessionsSearchForOtherRealm(params: URLSearchParams): string {
  const view = readSessionsView(params);
  const search = writeSessionsView({ ...view, client: '', first: 0 }).toString();
  return search ? `?${search}` : '';
}

export type SortColumn = 'lastAccess' | 'started' | 'username';

export function parseSort(sort: SessionSort): { column: SortColumn; direction: 'asc' | 'desc' } {
  const [column, direction] = sort.split(':') as [SortColumn, 'asc' | 'desc'];
  return { column, direction };
}

/** Clicking a header: flip the direction of the current column, or start a new one at its natural direction. */
export function nextSort(current: SessionSort, column: SortColumn): SessionSort {
  const { column: currentColumn, direction } = parseSort(current);
  if (currentColumn === column) return `${column}:${direction === 'asc' ? 'desc' : 'asc'}`;
  return column === 'username' ? 'username:asc' : `${column}:desc`;
}

/** The list request of a view (the same key wherever the page's sessions are read). */
export function sessionsParams(realm: string, view: SessionsView) {
  return {
    realm,
    q: view.q,
    client: view.client,
    type: view.type || undefined,
    country: view.country || undefined,
    network: view.network || undefined,
    first: view.first,
    max: view.max,
    sort: view.sort,
  };
}
