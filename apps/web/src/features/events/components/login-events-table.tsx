import type { LoginEvent } from '@session-desk/contracts';
import { Link } from 'wouter';
import { Badge } from '@/components/ui/badge';
import { DataTable, type DataTableColumn } from '@/components/ui/data-table';
import { RelativeTime } from '@/components/ui/relative-time';
import { paths } from '@/config/paths';
import { humanizeConstant } from '../lib/events-view';

const none = <span className="text-slate-400">—</span>;
const userLink = 'font-medium text-accent-700 hover:text-accent-900 hover:underline focus-visible:outline-2 focus-visible:outline-accent-600';

function EventDetails({ event }: { event: LoginEvent }) {
  const details = Object.entries(event.details);
  if (details.length === 0 && !event.sessionId) return none;
  return (
    <details>
      <summary className="cursor-pointer text-accent-700 hover:underline">Show</summary>
      <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5">
        {event.sessionId ? (
          <>
            <dt className="text-slate-500">session</dt>
            <dd className="font-mono break-all">{event.sessionId}</dd>
          </>
        ) : null}
        {details.map(([key, value]) => (
          <div key={key} className="contents">
            <dt className="text-slate-500">{key}</dt>
            <dd className="font-mono break-all">{value}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}

function columnsFor(realm: string): DataTableColumn<LoginEvent>[] {
  return [
    { id: 'when', header: 'When', label: 'When', cell: (event) => <RelativeTime iso={event.time} /> },
    {
      id: 'event',
      header: 'Event',
      label: 'Event',
      cell: (event) => (
        <>
          <Badge tone={event.type.endsWith('_ERROR') ? 'danger' : 'neutral'} title={event.type}>
            {humanizeConstant(event.type)}
          </Badge>
          {event.error ? <p className="mt-1 text-xs wrap-anywhere text-red-800">{event.error}</p> : null}
        </>
      ),
    },
    {
      id: 'user',
      header: 'User',
      label: 'User',
      className: 'wrap-anywhere',
      cell: (event) =>
        event.userId ? (
          <>
            <Link to={paths.user(realm, event.userId)} className={userLink}>
              {event.username ?? event.userId}
            </Link>
            {event.username ? (
              <p className="font-mono text-xs break-all text-slate-500" data-testid="event-user-id">
                {event.userId}
              </p>
            ) : null}
          </>
        ) : (
          (event.username ?? none)
        ),
    },
    { id: 'client', header: 'Client', label: 'Client', className: 'font-mono text-xs wrap-anywhere', cell: (event) => event.clientId ?? none },
    { id: 'ip', header: 'IP address', label: 'IP address', className: 'font-mono text-xs whitespace-nowrap', cell: (event) => event.ipAddress ?? none },
    { id: 'details', header: 'Details', label: 'Details', className: 'text-xs wrap-anywhere', cell: (event) => <EventDetails event={event} /> },
  ];
}

/** Keycloak's login events of a realm, newest first. */
export function LoginEventsTable({ realm, events, busy = false }: { realm: string; events: LoginEvent[]; busy?: boolean }) {
  return (
    <DataTable
      data-testid="login-events-table"
      caption={`Login events in ${realm}, newest first`}
      columns={columnsFor(realm)}
      rows={events}
      rowKey={(event) => `${event.time}-${events.indexOf(event)}`}
      rowProps={() => ({ 'data-testid': 'login-event-row', className: 'hover:bg-slate-50' })}
      busy={busy}
    />
  );
}
