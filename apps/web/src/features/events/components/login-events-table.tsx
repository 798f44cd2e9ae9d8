import type { LoginEvent } from '@session-desk/contracts';
import { Link } from 'react-router';
import { Badge } from '@/components/ui/badge';
import { RelativeTime } from '@/components/ui/relative-time';
import { paths } from '@/config/paths';
import { cn } from '@/lib/cn';
import { humanizeConstant } from '../lib/events-view';

const th = 'px-3 py-2.5 text-left text-xs font-semibold tracking-wide whitespace-nowrap text-slate-600 uppercase';
const td = 'px-3 py-3 align-top text-sm text-slate-700';
const none = <span className="text-slate-400">—</span>;

/** Keycloak's login events of a realm, newest first. */
export function LoginEventsTable({ realm, events, busy = false }: { realm: string; events: LoginEvent[]; busy?: boolean }) {
  return (
    <div className={cn('overflow-x-auto transition-opacity', busy && 'opacity-60')}>
      <table data-testid="login-events-table" aria-busy={busy || undefined} className="min-w-full divide-y divide-slate-200">
        <caption className="sr-only">Login events in {realm}, newest first</caption>
        <thead className="border-b border-slate-200 bg-slate-50">
          <tr>
            {['When', 'Event', 'User', 'Client', 'IP address', 'Details'].map((label) => (
              <th key={label} scope="col" className={th}>
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 bg-white">
          {events.map((event, index) => {
            const details = Object.entries(event.details);
            return (
              <tr key={`${event.time}-${index}`} data-testid="login-event-row" className="hover:bg-slate-50">
                <td className={td}>
                  <RelativeTime iso={event.time} />
                </td>
                <td className={td}>
                  <Badge tone={event.type.endsWith('_ERROR') ? 'danger' : 'neutral'} title={event.type}>
                    {humanizeConstant(event.type)}
                  </Badge>
                  {event.error ? <p className="mt-1 text-xs text-red-800">{event.error}</p> : null}
                </td>
                <td className={td}>
                  {event.userId ? (
                    <>
                      <Link
                        to={paths.user(realm, event.userId)}
                        className="font-medium text-accent-700 hover:text-accent-900 hover:underline focus-visible:outline-2 focus-visible:outline-accent-600"
                      >
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
                  )}
                </td>
                <td className={cn(td, 'font-mono text-xs')}>{event.clientId ?? none}</td>
                <td className={cn(td, 'font-mono text-xs whitespace-nowrap')}>{event.ipAddress ?? none}</td>
                <td className={cn(td, 'text-xs')}>
                  {details.length > 0 || event.sessionId ? (
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
                  ) : (
                    none
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
