import type { AdminEvent } from '@session-desk/contracts';
import { Badge } from '@/components/ui/badge';
import { RelativeTime } from '@/components/ui/relative-time';
import { cn } from '@/lib/cn';
import { humanizeConstant } from '../lib/events-view';

const th = 'px-3 py-2.5 text-left text-xs font-semibold tracking-wide whitespace-nowrap text-slate-600 uppercase';
const td = 'px-3 py-3 align-top text-sm text-slate-700';
const none = <span className="text-slate-400">—</span>;

/** Keycloak's admin events of a realm (changes made through its Admin API), newest first. */
export function AdminEventsTable({ realm, events, busy = false }: { realm: string; events: AdminEvent[]; busy?: boolean }) {
  return (
    <div className={cn('overflow-x-auto transition-opacity', busy && 'opacity-60')}>
      <table data-testid="admin-events-table" aria-busy={busy || undefined} className="min-w-full divide-y divide-slate-200">
        <caption className="sr-only">Admin events in {realm}, newest first</caption>
        <thead className="border-b border-slate-200 bg-slate-50">
          <tr>
            {['When', 'Operation', 'Resource', 'Actor (as Keycloak sees it)', 'IP address'].map((label) => (
              <th key={label} scope="col" className={th}>
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 bg-white">
          {events.map((event, index) => (
            <tr key={`${event.time}-${index}`} data-testid="admin-event-row" className="hover:bg-slate-50">
              <td className={td}>
                <RelativeTime iso={event.time} />
              </td>
              <td className={td}>
                <Badge tone={event.operationType === 'DELETE' ? 'danger' : 'neutral'}>{humanizeConstant(event.operationType)}</Badge>
                {event.error ? <p className="mt-1 text-xs text-red-800">{event.error}</p> : null}
              </td>
              <td className={td}>
                {event.resourceType ? <span className="text-slate-900">{humanizeConstant(event.resourceType)}</span> : none}
                {event.resourcePath ? <p className="font-mono text-xs break-all text-slate-500">{event.resourcePath}</p> : null}
                {event.resourceUsername ? (
                  <p className="text-xs text-slate-700">
                    <span className="text-slate-500">user </span>
                    {event.resourceUsername}
                  </p>
                ) : null}
              </td>
              <td className={cn(td, 'text-xs')}>
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
                {!event.authClientId && !event.authUserId ? none : null}
              </td>
              <td className={cn(td, 'font-mono text-xs whitespace-nowrap')}>{event.authIpAddress ?? none}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
