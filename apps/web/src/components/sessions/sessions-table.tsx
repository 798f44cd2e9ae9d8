import type { SessionRow } from '@session-desk/contracts';
import type { ReactNode } from 'react';
import { Link } from 'wouter';
import { Badge } from '@/components/ui/badge';
import { ClientChips } from '@/components/ui/client-chips';
import { DataTable, DataTableSkeleton, type DataTableColumn } from '@/components/ui/data-table';
import { SolidIcon } from '@/components/ui/icons';
import { ReasonTooltip } from '@/components/ui/reason-tooltip';
import { RelativeTime } from '@/components/ui/relative-time';
import { SessionTypeBadge } from '@/components/ui/session-type-badge';
import { paths } from '@/config/paths';
import { cn } from '@/lib/cn';
import { formatDateTime } from '@/lib/format';
import { EmailAddress } from '@/components/ui/email-address';
import { IpAddress } from '@/components/ui/ip-address';

const revokedBy = { user: 'the user was logged out everywhere', realm: 'all tokens of the realm were revoked', client: 'its apps’ tokens were revoked' } as const;

/** "Revoked" with why and when: Keycloak no longer honours this session's tokens (not-before), though it still lists it. */
export function RevokedMark({ revoked }: { revoked: NonNullable<SessionRow['revoked']> }) {
  return (
    <span data-testid="session-revoked" className="block">
      <Badge tone="danger">Revoked</Badge>
      <span className="mt-1 block text-xs text-slate-600">
        Keycloak refuses its tokens since {formatDateTime(revoked.at)}: {revokedBy[revoked.by]}.
      </span>
    </span>
  );
}

/**
 * Where a session comes from, in one compact cell: the country code (its name on hover and for
 * screen readers) and, on a second line, the network (operator) with its AS number on hover.
 * "Private network" for private, loopback and reserved addresses, "Unknown address" for an address
 * the console cannot read (filter with country `unknown`); a dash when the console runs
 * without IP location or the database has none.
 */
function LocationCell({ location }: { location: SessionRow['location'] }) {
  if (location?.scope === 'private') return <span className="text-slate-600">Private network</span>;
  if (location?.scope === 'unknown') return <span className="text-slate-600">Unknown address</span>;
  return (
    <div className="min-w-0">
      {location?.country ? (
        <span data-testid="session-country" data-country={location.country.code}>
          <abbr title={location.country.name} aria-hidden="true" className="font-mono no-underline">
            {location.country.code}
          </abbr>
          <span className="sr-only">{location.country.name}</span>
        </span>
      ) : (
        <span className="text-slate-500">
          —<span className="sr-only">Unknown country</span>
        </span>
      )}
      {location?.network ? (
        <span className="line-clamp-2 max-w-40 text-xs wrap-anywhere text-slate-500" title={`${location.network.name} (AS${location.network.asn})`} data-testid="session-network">
          {location.network.name}
        </span>
      ) : null}
    </div>
  );
}

/** Every column a session list can show; each list hides the ones it does not need. */
export type SessionColumnId = 'select' | 'user' | 'ipAddress' | 'location' | 'started' | 'lastAccess' | 'clients' | 'type' | 'actions';

export type SessionSortColumn = 'username' | 'started' | 'lastAccess';

/** Sortable headers (the realm list): the current order and what a click on a header does. */
export interface SessionsTableSort {
  column: SessionSortColumn;
  direction: 'asc' | 'desc';
  onSortBy: (column: SessionSortColumn) => void;
}

/** Ticking rows for a bulk action. */
export interface SessionsTableSelection<T extends SessionRow = SessionRow> {
  isSelected: (session: T) => boolean;
  onToggle: (session: T) => void;
  allSelected: boolean;
  someSelected: boolean;
  onToggleAll: () => void;
  /** Why "select all" is unavailable (e.g. the page holds more sessions than one job may end). */
  toggleAllReason?: string | undefined;
  /** Why one more row may not be ticked (e.g. the most one job may end is reached). */
  lockedReason?: ((session: T) => string | undefined) | undefined;
}

export interface SessionsTableProps<T extends SessionRow> {
  sessions: readonly T[];
  caption: string;
  /** The list's test hooks: `data-testid` of the table and of each row. */
  testId: string;
  rowTestId: string;
  /** Links the user cell to the user page of this realm. */
  realm?: string | undefined;
  hiddenColumns?: readonly SessionColumnId[];
  sort?: SessionsTableSort | undefined;
  selection?: SessionsTableSelection<T> | undefined;
  /**
   * The action slot (e.g. an "End" button), given why the row may not be acted on right now (busy,
   * the operator's current session, `lockedReason`); not called on the current session when
   * `currentSessionAction` is given.
   */
  renderActions?: ((session: T, lockedReason: string | undefined) => ReactNode) | undefined;
  /** Shown instead of the actions on the operator's current session (e.g. "Sign out"). */
  currentSessionAction?: ReactNode;
  /** The operator's own Keycloak user id and current session id: marked "You" and "This session". */
  operatorUserId?: string | undefined;
  currentSessionId?: string | null | undefined;
  /** Why a row may not be acted on (its checkbox and End are shown disabled with this reason). */
  lockedReason?: ((session: T) => string | undefined) | undefined;
  /** Newer rows are on their way: the rows are dimmed and their controls locked. */
  busy?: boolean;
}

/** Is this the Keycloak session behind the operator's own console session? */
export function isCurrentSession(session: Pick<SessionRow, 'id' | 'type'>, currentSessionId: string | null | undefined): boolean {
  return Boolean(currentSessionId) && session.type === 'regular' && session.id === currentSessionId;
}

export const CURRENT_SESSION_REASON = 'This is the session you are using now. Sign out instead of ending it.';

/**
 * Why a row may never be acted on from this list, whatever else happens: the operator's current
 * session, or the caller's `lockedReason` (e.g. help desk and a console administrator's sessions).
 * Such a row's checkbox is locked, and "select all" and the bulk action leave it out.
 */
export function rowLockReason<T extends SessionRow>(
  session: T,
  currentSessionId: string | null | undefined,
  lockedReason: ((session: T) => string | undefined) | undefined,
): string | undefined {
  return isCurrentSession(session, currentSessionId) ? CURRENT_SESSION_REASON : lockedReason?.(session);
}
export const BUSY_REASON = 'New results are loading. Wait for them before acting.';

/** A padlock (20×20, even-odd). */
const LOCK_GLYPH =
  'M10 2a4 4 0 0 0-4 4v2H5a1 1 0 0 0-1 1v8a1 1 0 0 0 1 1h10a1 1 0 0 0 1-1V9a1 1 0 0 0-1-1h-1V6a4 4 0 0 0-4-4Zm2 6V6a2 2 0 1 0-4 0v2h4Z';

const checkboxClass =
  'size-4 rounded border-slate-300 text-accent-600 accent-accent-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent-600 aria-disabled:cursor-not-allowed aria-disabled:opacity-40';

function SortIcon({ direction }: { direction: 'asc' | 'desc' | undefined }) {
  return (
    <svg aria-hidden="true" viewBox="0 0 12 12" className={cn('size-3', direction ? 'text-accent-700' : 'text-slate-400')}>
      <path d="M6 1.5 9 5H3l3-3.5Z" className={direction === 'desc' ? 'opacity-30' : undefined} fill="currentColor" />
      <path d="M6 10.5 3 7h6l-3 3.5Z" className={direction === 'asc' ? 'opacity-30' : undefined} fill="currentColor" />
    </svg>
  );
}

function sortable(label: string, column: SessionSortColumn, sort: SessionsTableSort | undefined) {
  if (!sort) return { header: label, ariaSort: undefined };
  const direction = sort.column === column ? sort.direction : undefined;
  return {
    header: (
      <button
        type="button"
        onClick={() => sort.onSortBy(column)}
        className="-mx-1 inline-flex items-center gap-1 rounded px-1 uppercase hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-accent-600"
      >
        {label}
        <SortIcon direction={direction} />
      </button>
    ),
    ariaSort: direction === 'asc' ? ('ascending' as const) : direction === 'desc' ? ('descending' as const) : undefined,
  };
}

/** A checkbox that may be locked: it stays focusable and says why it cannot be ticked. */
function RowCheckbox({
  label,
  checked,
  onToggle,
  reason,
  indeterminate = false,
}: {
  label: string;
  checked: boolean;
  onToggle: () => void;
  reason: string | undefined;
  indeterminate?: boolean;
}) {
  const box = (describedBy?: string) => (
    <input
      type="checkbox"
      ref={(element) => {
        if (element) element.indeterminate = indeterminate;
      }}
      aria-label={label}
      aria-disabled={reason ? true : undefined}
      aria-describedby={describedBy}
      className={checkboxClass}
      checked={checked}
      onClick={(event) => {
        if (reason) event.preventDefault();
      }}
      onChange={() => {
        if (!reason) onToggle();
      }}
    />
  );
  // A faded native box alone reads as "unticked"; a lock drawn on it says "cannot be ticked" (the
  // tooltip says why). On the box, not beside it: the column keeps its width, and the table its fit.
  return reason ? (
    <ReasonTooltip reason={reason} side="right">
      {(describedBy) => (
        <span className="relative inline-flex">
          {box(describedBy)}
          <SolidIcon d={LOCK_GLYPH} className="pointer-events-none absolute inset-0 m-auto size-3 text-slate-700" data-testid="locked-mark" />
        </span>
      )}
    </ReasonTooltip>
  ) : (
    box()
  );
}

function sessionColumns<T extends SessionRow>(props: SessionsTableProps<T>): Array<DataTableColumn<T> & { id: SessionColumnId }> {
  const { realm, sort, selection, renderActions, currentSessionAction, operatorUserId, currentSessionId, lockedReason, busy } = props;
  const reasonFor = (session: T): string | undefined => (busy ? BUSY_REASON : rowLockReason(session, currentSessionId, lockedReason));
  const user = sortable('User', 'username', sort);
  const started = sortable('Started', 'started', sort);
  const lastAccess = sortable('Last access', 'lastAccess', sort);

  return [
    {
      id: 'select',
      label: 'Select',
      header: selection ? (
        <RowCheckbox
          label="Select all sessions on this page"
          checked={selection.allSelected}
          indeterminate={selection.someSelected}
          onToggle={selection.onToggleAll}
          reason={busy ? BUSY_REASON : selection.toggleAllReason}
        />
      ) : (
        'Select'
      ),
      srOnlyHeader: !selection,
      unlabelledWhenStacked: true,
      className: 'w-10',
      headerClassName: 'w-10',
      cell: (session) =>
        selection ? (
          <RowCheckbox
            label={`Select session of ${session.username}`}
            checked={selection.isSelected(session)}
            onToggle={() => selection.onToggle(session)}
            reason={reasonFor(session) ?? selection.lockedReason?.(session)}
          />
        ) : null,
    },
    {
      id: 'user',
      label: 'User',
      header: user.header,
      ariaSort: user.ariaSort,
      unlabelledWhenStacked: true,
      className: 'lg:max-w-60',
      cell: (session) => (
        <div className="min-w-0">
          <div className="flex flex-wrap items-center gap-1.5">
            {realm ? (
              <Link
                to={paths.user(realm, session.userId)}
                className="font-medium break-all text-accent-700 hover:text-accent-900 hover:underline focus-visible:outline-2 focus-visible:outline-accent-600"
              >
                {session.username}
              </Link>
            ) : (
              <span className="font-medium break-all text-slate-900">{session.username}</span>
            )}
            {operatorUserId && session.userId === operatorUserId ? (
              <Badge tone="accent-soft" data-testid="you-badge">
                You
              </Badge>
            ) : null}
          </div>
          {session.email ? (
            <p className="text-xs wrap-anywhere text-slate-500">
              <EmailAddress address={session.email} />
            </p>
          ) : null}
        </div>
      ),
    },
    {
      id: 'ipAddress',
      label: 'IP address',
      header: 'IP address',
      // A long IPv6 address wraps between its groups rather than widening the table; below xl the Location cell shows it.
      className: 'lg:max-w-40 font-mono text-xs break-normal lg:max-xl:hidden',
      headerClassName: 'lg:max-xl:hidden',
      cell: (session) => <IpAddress address={session.ipAddress} />,
    },
    {
      id: 'location',
      label: 'Location',
      header: 'Location',
      className: 'lg:max-w-48',
      cell: (session) => (
        <>
          {/* Between lg and xl the IP address column is left out for room: the address heads its location. */}
          <span className="mb-0.5 hidden font-mono text-xs break-normal text-slate-700 lg:max-xl:block">
            <span className="sr-only">IP address </span>
            <IpAddress address={session.ipAddress} />
          </span>
          <LocationCell location={session.location} />
        </>
      ),
    },
    { id: 'started', label: 'Started', header: started.header, ariaSort: started.ariaSort, cell: (session) => <RelativeTime iso={session.started} /> },
    {
      id: 'lastAccess',
      label: 'Last access',
      header: lastAccess.header,
      ariaSort: lastAccess.ariaSort,
      cell: (session) => <RelativeTime iso={session.lastAccess} />,
    },
    {
      id: 'clients',
      label: 'Clients',
      header: 'Clients',
      className: 'lg:max-w-60',
      // In the table a long client id is cut (its full name on hover) and a chip never breaks at its hyphens
      // ("demo-/portal"); in the cards below lg, where nothing can be hovered, it wraps whole.
      cell: (session) => <ClientChips clients={session.clients} className="lg:[&>li]:max-w-28 lg:[&>li]:truncate xl:[&>li]:max-w-40" />,
    },
    {
      id: 'type',
      label: 'Type',
      header: 'Type',
      className: 'lg:max-w-56',
      cell: (session) => (
        <div className="flex flex-wrap items-center gap-1.5">
          {isCurrentSession(session, currentSessionId) ? (
            <Badge tone="accent" data-testid="this-session-badge">
              This session
            </Badge>
          ) : null}
          <SessionTypeBadge type={session.type} />
          {session.revoked ? <RevokedMark revoked={session.revoked} /> : null}
        </div>
      ),
    },
    {
      id: 'actions',
      label: 'Actions',
      header: 'Actions',
      srOnlyHeader: true,
      unlabelledWhenStacked: true,
      align: 'right',
      className: 'whitespace-nowrap',
      cell: (session) =>
        isCurrentSession(session, currentSessionId) && currentSessionAction ? currentSessionAction : renderActions?.(session, reasonFor(session)),
    },
  ];
}

/**
 * The one session list of the console (realm list, user page, my sessions): column-driven, with
 * columns each list hides, an action slot, "You" and "This session" marked, and locked rows that
 * say why. Stacks into cards on phones.
 */
export function SessionsTable<T extends SessionRow>(props: SessionsTableProps<T>) {
  const hidden = new Set<SessionColumnId>(props.hiddenColumns ?? []);
  if (!props.selection) hidden.add('select');
  if (!props.renderActions && !props.currentSessionAction) hidden.add('actions');
  const columns = sessionColumns(props).filter((column) => !hidden.has(column.id));
  return (
    <DataTable
      data-testid={props.testId}
      caption={props.caption}
      columns={columns}
      rows={props.sessions}
      busy={props.busy}
      rowKey={(session) => `${session.type}:${session.id}`}
      rowProps={(session) => {
        const selected = props.selection?.isSelected(session) ?? false;
        const current = isCurrentSession(session, props.currentSessionId);
        return {
          'data-testid': props.rowTestId,
          'data-session-id': session.id,
          'data-selected': selected || undefined,
          'data-current': current || undefined,
          className: selected ? 'bg-accent-50/60 hover:bg-accent-50' : current ? 'bg-accent-50/40' : 'hover:bg-slate-50',
        };
      }}
    />
  );
}

/** Grey bars in the same columns while the first page loads. */
export function SessionsTableSkeleton({ hiddenColumns = [], label = 'Loading sessions…' }: { hiddenColumns?: readonly SessionColumnId[]; label?: string }) {
  const columns = sessionColumns<SessionRow>({ sessions: [], caption: '', testId: '', rowTestId: '' }).filter(
    (column) => !hiddenColumns.includes(column.id),
  );
  return <DataTableSkeleton columns={columns} label={label} />;
}

/**
 * The "End" action of a row, locked (focusable, with the reason on hover and focus) when the row
 * may not be acted on.
 */
export function EndSessionButton({
  label,
  accessibleName,
  reason,
  onEnd,
}: {
  label: string;
  accessibleName: string;
  reason: string | undefined;
  onEnd: (trigger: HTMLElement) => void;
}) {
  const button = (describedBy?: string) => (
    <button
      type="button"
      aria-label={accessibleName}
      aria-disabled={reason ? true : undefined}
      aria-describedby={describedBy}
      data-testid="end-session-button"
      onClick={(event) => {
        if (!reason) onEnd(event.currentTarget);
      }}
      className={cn(
        'inline-flex h-8 shrink-0 items-center justify-center rounded-md bg-white px-3 text-sm font-medium whitespace-nowrap shadow-sm ring-1 ring-slate-300 ring-inset',
        'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent-600',
        // One text colour or the other: cn() joins classes, and of two the stylesheet's order would win.
        reason ? 'cursor-not-allowed text-slate-400' : 'text-slate-800 hover:bg-slate-50',
      )}
    >
      {label}
    </button>
  );
  return reason ? <ReasonTooltip reason={reason}>{button}</ReasonTooltip> : button();
}
