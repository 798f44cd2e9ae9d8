import type { ReactNode } from 'react';
import { useId, useRef, type KeyboardEvent } from 'react';
import { Link } from 'wouter';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { QueryErrorPanel } from '@/components/ui/error-panel';
import { Notice } from '@/components/ui/notice';
import { Skeleton } from '@/components/ui/skeleton';
import { paths } from '@/config/paths';
import { cn } from '@/lib/cn';
import { describeError } from '@/lib/describe-error';
import { useAdminEvents } from '../api/get-admin-events';
import { useLoginEvents } from '../api/get-login-events';
import { useEventsView } from '../hooks/use-events-view';
import {
  adminEventsParams,
  clearEventFilters,
  hasActiveEventFilters,
  loginEventsParams,
  type EventsTab,
  type EventsView,
  type RejectedFilter,
} from '../lib/events-view';
import { AdminEventsTable } from './admin-events-table';
import { EventsNoLongerRecorded, EventsNotEnabled } from './events-not-enabled';
import { EventsFilters } from './events-filters';
import { EventsPagination } from './events-pagination';
import { LoginEventsTable } from './login-events-table';

const tabs: ReadonlyArray<{ tab: EventsTab; label: string }> = [
  { tab: 'login', label: 'Login events' },
  { tab: 'admin', label: 'Admin events' },
];

const filterNames: Record<RejectedFilter['key'], string> = {
  type: 'Event type',
  user: 'User',
  client: 'Client',
  ip: 'IP address',
  operation: 'Operation',
  resourceType: 'Resource type',
  from: 'From',
  to: 'To',
};

/** Keycloak's own record of a realm: login events and admin events, in two tabs; all state in the URL. */
export function EventsPanel({ realm }: { realm: string }) {
  const id = useId();
  const { view, update, replaceView } = useEventsView();
  const tabRefs = useRef<Array<HTMLButtonElement | null>>([]);

  function onTabKeyDown(event: KeyboardEvent<HTMLButtonElement>, index: number) {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0) return;
    event.preventDefault();
    const next = (index + step + tabs.length) % tabs.length;
    const target = tabs[next];
    if (!target) return;
    update({ tab: target.tab });
    tabRefs.current[next]?.focus();
  }

  return (
    <div className="space-y-4">
      <div role="tablist" aria-label="Kind of events" className="flex gap-1 border-b border-slate-200">
        {tabs.map(({ tab, label }, index) => {
          const selected = view.tab === tab;
          return (
            <button
              key={tab}
              ref={(element) => {
                tabRefs.current[index] = element;
              }}
              id={`${id}-tab-${tab}`}
              type="button"
              role="tab"
              aria-selected={selected}
              aria-controls={`${id}-panel`}
              tabIndex={selected ? 0 : -1}
              onClick={() => update({ tab })}
              onKeyDown={(event) => onTabKeyDown(event, index)}
              className={cn(
                '-mb-px border-b-2 px-4 py-2 text-sm font-medium whitespace-nowrap focus-visible:outline-2 focus-visible:outline-accent-600',
                selected ? 'border-accent-600 text-accent-800' : 'border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900',
              )}
            >
              {label}
            </button>
          );
        })}
      </div>
      <div role="tabpanel" id={`${id}-panel`} aria-labelledby={`${id}-tab-${view.tab}`} className="space-y-4">
        {view.tab === 'login' ? (
          <LoginEventsSection realm={realm} view={view} update={update} onClear={() => replaceView(clearEventFilters(view))} />
        ) : (
          <AdminEventsSection realm={realm} view={view} update={update} onClear={() => replaceView(clearEventFilters(view))} />
        )}
      </div>
    </div>
  );
}

interface SectionProps {
  realm: string;
  view: EventsView;
  update: (patch: Partial<EventsView>, options?: { replace?: boolean }) => void;
  onClear: () => void;
}

function RejectedFilters({ rejected }: { rejected: RejectedFilter[] }) {
  if (rejected.length === 0) return null;
  return (
    <Notice tone="warning" title="Some filters were left out" data-testid="rejected-filters">
      <ul className="list-inside list-disc">
        {rejected.map(({ key, value, problem }) => (
          <li key={key}>
            {filterNames[key]} “{value}” {problem}.
          </li>
        ))}
      </ul>
    </Notice>
  );
}

function TableSkeleton() {
  return (
    <div className="space-y-3 p-4">
      <p className="sr-only">Loading events…</p>
      {Array.from({ length: 5 }, (_, row) => (
        <Skeleton key={row} className={row % 2 ? 'w-3/4' : 'w-full'} />
      ))}
    </div>
  );
}

/** Shared frame of both tabs: table, not-enabled explanation, empty, loading and error states, paging. */
function EventsResult<T>({
  kind,
  view,
  update,
  onClear,
  query,
  rejected,
  renderTable,
}: {
  kind: 'login' | 'admin';
  /** Filters left out of the request, reported above the list. */
  rejected: RejectedFilter[];
  view: EventsView;
  update: SectionProps['update'];
  onClear: () => void;
  query: {
    data: { enabled: boolean; items: T[]; more: boolean } | undefined;
    isError: boolean;
    error: unknown;
    isFetching: boolean;
    isPlaceholderData: boolean;
    refetch: () => unknown;
  };
  renderTable: (items: T[], busy: boolean) => ReactNode;
}) {
  const { data } = query;
  const noun = kind === 'login' ? 'login events' : 'admin events';
  let body: ReactNode;
  if (data) {
    if (!data.enabled && data.items.length === 0 && view.first === 0) {
      body = <EventsNotEnabled kind={kind} />;
    } else if (data.items.length === 0) {
      body =
        view.first > 0 ? (
          <EmptyState
            className="m-4"
            title="This page is past the end of the list"
            action={
              <Button variant="secondary" onClick={() => update({ first: 0 })}>
                Go to the first page
              </Button>
            }
          />
        ) : hasActiveEventFilters(view) ? (
          <EmptyState
            className="m-4"
            title={`No ${noun} match these filters`}
            description="Keycloak matches ids and clients exactly. Widen the dates or clear the filters."
            action={
              <Button variant="secondary" onClick={onClear}>
                Clear filters
              </Button>
            }
          />
        ) : (
          <EmptyState
            className="m-4"
            title={`No ${noun} recorded`}
            description="Keycloak keeps events only for the time set in the realm's event settings."
          />
        );
    } else {
      body = (
        <>
          {data.enabled ? null : <EventsNoLongerRecorded kind={kind} />}
          {renderTable(data.items, query.isPlaceholderData)}
        </>
      );
    }
  } else if (query.isError) {
    body = <QueryErrorPanel className="m-4" context={`The ${noun} could not be loaded`} query={query} />;
  } else {
    body = <TableSkeleton />;
  }

  return (
    <>
      <EventsFilters view={view} onChange={update} onClear={onClear} />
      <RejectedFilters rejected={rejected} />
      <Card aria-label={kind === 'login' ? 'Login events' : 'Admin events'}>
        {data && query.isError ? (
          <Notice tone="warning" className="m-4" title="These events could not be refreshed">
            {describeError(query.error).title}. Showing the last page received.
          </Notice>
        ) : null}
        {body}
        {data && (data.items.length > 0 || view.first > 0) ? (
          <div className="border-t border-slate-200">
            <EventsPagination page={view} onPageChange={update} count={data.items.length} more={data.more} />
          </div>
        ) : null}
      </Card>
    </>
  );
}

function LoginEventsSection({ realm, ...section }: SectionProps) {
  const { params, rejected } = loginEventsParams(section.view);
  const events = useLoginEvents(realm, params);
  return <EventsResult {...section} kind="login" rejected={rejected} query={events} renderTable={(items, busy) => <LoginEventsTable realm={realm} events={items} busy={busy} />} />;
}

function AdminEventsSection({ realm, ...section }: SectionProps) {
  const { params, rejected } = adminEventsParams(section.view);
  const events = useAdminEvents(realm, params);
  return (
    <>
      <Notice title="Who made a change" data-testid="service-account-note">
        Keycloak names Session Desk’s service account as the actor of every change made through the console. The{' '}
        <Link
          to={paths.audit(new URLSearchParams({ realm }).toString())}
          className="font-medium text-accent-700 underline hover:text-accent-900 focus-visible:outline-2 focus-visible:outline-accent-600"
        >
          Audit page
        </Link>{' '}
        names the real operator.
      </Notice>
      <EventsResult {...section} kind="admin" rejected={rejected} query={events} renderTable={(items, busy) => <AdminEventsTable realm={realm} events={items} busy={busy} />} />
    </>
  );
}
