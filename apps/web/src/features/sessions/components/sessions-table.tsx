import type { SessionRow, SessionSort } from '@session-desk/contracts';
import type { MouseEvent, ReactNode } from 'react';
import { Link } from 'react-router';
import { Button } from '@/components/ui/button';
import { SessionActivityCells, sessionCell } from '@/components/ui/session-activity-cells';
import { Badge } from '@/components/ui/badge';
import { SessionTypeBadge } from '@/components/ui/session-type-badge';
import { Skeleton } from '@/components/ui/skeleton';
import { paths } from '@/config/paths';
import { cn } from '@/lib/cn';
import { formatDateTime } from '@/lib/format';
import { nextSort, parseSort, type SortColumn } from '../lib/sessions-view';

const th = 'px-3 py-2.5 text-left text-xs font-semibold tracking-wide whitespace-nowrap text-slate-600 uppercase';
const td = sessionCell;

function SortIcon({ direction }: { direction: 'asc' | 'desc' | undefined }) {
  return (
    <svg aria-hidden="true" viewBox="0 0 12 12" className={cn('size-3', direction ? 'text-accent-700' : 'text-slate-400')}>
      <path d="M6 1.5 9 5H3l3-3.5Z" className={direction === 'desc' ? 'opacity-30' : undefined} fill="currentColor" />
      <path d="M6 10.5 3 7h6l-3 3.5Z" className={direction === 'asc' ? 'opacity-30' : undefined} fill="currentColor" />
    </svg>
  );
}

function SortableHeader({
  column,
  label,
  sort,
  onSort,
}: {
  column: SortColumn;
  label: string;
  sort: SessionSort;
  /** Absent in the loading skeleton: a plain, non-interactive header. */
  onSort?: ((sort: SessionSort) => void) | undefined;
}) {
  const current = parseSort(sort);
  const direction = current.column === column ? current.direction : undefined;
  if (!onSort) {
    return (
      <th scope="col" className={th}>
        {label}
      </th>
    );
  }
  return (
    <th scope="col" className={th} aria-sort={direction === 'asc' ? 'ascending' : direction === 'desc' ? 'descending' : undefined}>
      <button
        type="button"
        onClick={() => onSort(nextSort(sort, column))}
        className="-mx-1 inline-flex items-center gap-1 rounded px-1 uppercase hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-accent-600"
      >
        {label}
        <SortIcon direction={direction} />
      </button>
    </th>
  );
}

/** Ticking rows for a bulk action (only for operators holding bulk:end). */
export interface SessionsTableSelection {
  isSelected: (session: SessionRow) => boolean;
  onToggle: (session: SessionRow) => void;
  allSelected: boolean;
  someSelected: boolean;
  onToggleAll: () => void;
}

const checkboxClass =
  'size-4 rounded border-slate-300 text-accent-600 accent-accent-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent-600';

export interface SessionsTableProps {
  realm: string;
  sessions: SessionRow[];
  sort: SessionSort;
  onSort: (sort: SessionSort) => void;
  /** The operator holds sessions:end here: show the action column. */
  canEnd: boolean;
  onEnd: (session: SessionRow, trigger: HTMLElement) => void;
  /** A newer page or search is loading: keep the rows, dim them. */
  busy?: boolean;
  caption: string;
  /** Present: a checkbox column for bulk actions. */
  selection?: SessionsTableSelection | undefined;
}

function Header({
  sort,
  onSort,
  canEnd,
  selection,
  selectable = selection !== undefined,
}: {
  sort: SessionSort;
  onSort?: SessionsTableProps['onSort'];
  canEnd: boolean;
  selection?: SessionsTableSelection | undefined;
  /** The skeleton has the column but no working checkbox. */
  selectable?: boolean;
}) {
  return (
    <thead className="border-b border-slate-200 bg-slate-50">
      <tr>
        {selectable ? (
          <th scope="col" className={cn(th, 'w-10')}>
            {selection ? (
              <input
                type="checkbox"
                aria-label="Select all sessions on this page"
                className={checkboxClass}
                checked={selection.allSelected}
                ref={(element) => {
                  if (element) element.indeterminate = selection.someSelected;
                }}
                onChange={selection.onToggleAll}
              />
            ) : (
              <span className="sr-only">Select</span>
            )}
          </th>
        ) : null}
        <SortableHeader column="username" label="User" sort={sort} onSort={onSort} />
        <th scope="col" className={th}>
          IP address
        </th>
        <SortableHeader column="started" label="Started" sort={sort} onSort={onSort} />
        <SortableHeader column="lastAccess" label="Last access" sort={sort} onSort={onSort} />
        <th scope="col" className={th}>
          Clients
        </th>
        <th scope="col" className={th}>
          Type
        </th>
        <th scope="col" className={th}>
          Remember me
        </th>
        {canEnd ? (
          <th scope="col" className={cn(th, 'text-right')}>
            <span className="sr-only">Actions</span>
          </th>
        ) : null}
      </tr>
    </thead>
  );
}

function TableFrame({ children, className }: { children: ReactNode; className?: string }) {
  return <div className={cn('overflow-x-auto', className)}>{children}</div>;
}

/** The realm's sessions, one row per session (stable hooks for end-to-end tests). */
export function SessionsTable({ realm, sessions, sort, onSort, canEnd, onEnd, busy = false, caption, selection }: SessionsTableProps) {
  return (
    <TableFrame className={cn('transition-opacity', busy && 'opacity-60')}>
      <table data-testid="sessions-table" aria-busy={busy || undefined} className="min-w-full divide-y divide-slate-200">
        <caption className="sr-only">{caption}</caption>
        <Header sort={sort} onSort={onSort} canEnd={canEnd} selection={selection} />
        <tbody className="divide-y divide-slate-100 bg-white">
          {sessions.map((session) => {
            const selected = selection?.isSelected(session) ?? false;
            return (
            <tr
              key={`${session.type}:${session.id}`}
              data-testid="session-row"
              data-session-id={session.id}
              data-selected={selected || undefined}
              className={selected ? 'bg-accent-50/60 hover:bg-accent-50' : 'hover:bg-slate-50'}
            >
              {selection ? (
                <td className={cn(td, 'w-10')}>
                  <input
                    type="checkbox"
                    aria-label={`Select session of ${session.username}`}
                    className={checkboxClass}
                    checked={selected}
                    onChange={() => selection.onToggle(session)}
                  />
                </td>
              ) : null}
              <td className={td}>
                <Link
                  to={paths.user(realm, session.userId)}
                  className="font-medium text-accent-700 hover:text-accent-900 hover:underline focus-visible:outline-2 focus-visible:outline-accent-600"
                >
                  {session.username}
                </Link>
                {session.email ? <p className="max-w-56 truncate text-xs text-slate-500">{session.email}</p> : null}
              </td>
              <SessionActivityCells session={session} />
              <td className={td}>
                <SessionTypeBadge type={session.type} />
                {session.revoked ? (
                  <Badge tone="danger" className="ml-1" title={`Keycloak refuses this session's tokens since ${formatDateTime(session.revoked.at)}`}>
                    Revoked
                  </Badge>
                ) : null}
              </td>
              <td className={td}>{session.rememberMe ? 'Yes' : 'No'}</td>
              {canEnd ? (
                <td className={cn(td, 'text-right')}>
                  <Button
                    variant="secondary"
                    size="sm"
                    aria-label={`End session of ${session.username}`}
                    onClick={(event: MouseEvent<HTMLButtonElement>) => onEnd(session, event.currentTarget)}
                  >
                    End
                  </Button>
                </td>
              ) : null}
            </tr>
            );
          })}
        </tbody>
      </table>
    </TableFrame>
  );
}

/** Same columns with grey bars while the first page loads. */
export function SessionsTableSkeleton({
  canEnd,
  sort,
  selectable = false,
  rows = 6,
}: {
  canEnd: boolean;
  sort: SessionSort;
  selectable?: boolean;
  rows?: number;
}) {
  const columns = 7 + (canEnd ? 1 : 0) + (selectable ? 1 : 0);
  return (
    <TableFrame>
      <p className="sr-only">Loading sessions…</p>
      <table aria-hidden="true" className="min-w-full divide-y divide-slate-200">
        <Header sort={sort} canEnd={canEnd} selectable={selectable} />
        <tbody className="divide-y divide-slate-100 bg-white">
          {Array.from({ length: rows }, (_, row) => (
            <tr key={row}>
              {Array.from({ length: columns }, (_, column) => (
                <td key={column} className={td}>
                  <Skeleton className={column === 0 ? 'w-32' : 'w-16'} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableFrame>
  );
}
