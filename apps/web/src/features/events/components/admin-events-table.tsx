import type { AdminEvent } from '@session-desk/contracts';
import { Badge } from '@/components/ui/badge';
import { DataTable, type DataTableColumn } from '@/components/ui/data-table';
import { RelativeTime } from '@/components/ui/relative-time';
import { humanizeConstant } from '../lib/events-view';

const none = <span className="text-slate-400">—</span>;

function Actor({ event }: { event: AdminEvent }) {
  if (!event.authClientId && !event.authUserId) return none;
  return (
    <>
      {event.authUserId ? (
        <p className="break-all">
          <span className="text-slate-500">user </span>
          {event.authUsername ? <span className="font-medium text-slate-900">{event.authUsername} </span> : null}
          <span className="font-mono">{event.authUserId}</span>
        </p>
      ) : null}
      {event.authClientId ? (
        <p className="break-all">
          <span className="text-slate-500">client </span>
          <span className="font-mono">{event.authClientId}</span>
        </p>
      ) : null}
    </>
  );
}

const columns: DataTableColumn<AdminEvent>[] = [
  { id: 'when', header: 'When', label: 'When', cell: (event) => <RelativeTime iso={event.time} /> },
  {
    id: 'operation',
    header: 'Operation',
    label: 'Operation',
    cell: (event) => (
      <>
        <Badge tone={event.operationType === 'DELETE' ? 'danger' : 'neutral'}>{humanizeConstant(event.operationType)}</Badge>
        {event.error ? <p className="mt-1 text-xs wrap-anywhere text-red-800">{event.error}</p> : null}
      </>
    ),
  },
  {
    id: 'resource',
    header: 'Resource',
    label: 'Resource',
    cell: (event) => (
      <>
        {event.resourceType ? <span className="text-slate-900">{humanizeConstant(event.resourceType)}</span> : none}
        {event.resourcePath ? <p className="font-mono text-xs break-all text-slate-500">{event.resourcePath}</p> : null}
        {event.resourceUsername ? (
          <p className="text-xs text-slate-700">
            <span className="text-slate-500">user </span>
            {event.resourceUsername}
          </p>
        ) : null}
      </>
    ),
  },
  { id: 'actor', header: 'Actor (as Keycloak sees it)', label: 'Actor', className: 'text-xs', cell: (event) => <Actor event={event} /> },
  { id: 'ip', header: 'IP address', label: 'IP address', className: 'font-mono text-xs whitespace-nowrap', cell: (event) => event.authIpAddress ?? none },
];

/** Keycloak's admin events of a realm (changes made through its Admin API), newest first. */
export function AdminEventsTable({ realm, events, busy = false }: { realm: string; events: AdminEvent[]; busy?: boolean }) {
  return (
    <DataTable
      data-testid="admin-events-table"
      caption={`Admin events in ${realm}, newest first`}
      columns={columns}
      rows={events}
      rowKey={(event) => `${event.time}-${events.indexOf(event)}`}
      rowProps={() => ({ 'data-testid': 'admin-event-row', className: 'hover:bg-slate-50' })}
      busy={busy}
    />
  );
}
