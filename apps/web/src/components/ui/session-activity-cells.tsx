import type { SessionRow } from '@session-desk/contracts';
import { cn } from '@/lib/cn';
import { ClientChips } from './client-chips';
import { RelativeTime } from './relative-time';

/** The body cell style every session table shares. */
export const sessionCell = 'px-3 py-3 align-top text-sm text-slate-700';

/** Where and when a session was used: IP, started, last access and clients, as four table cells. */
export function SessionActivityCells({ session }: { session: Pick<SessionRow, 'ipAddress' | 'started' | 'lastAccess' | 'clients'> }) {
  return (
    <>
      <td className={cn(sessionCell, 'font-mono text-xs whitespace-nowrap')}>{session.ipAddress}</td>
      <td className={sessionCell}>
        <RelativeTime iso={session.started} />
      </td>
      <td className={sessionCell}>
        <RelativeTime iso={session.lastAccess} />
      </td>
      <td className={sessionCell}>
        <ClientChips clients={session.clients} />
      </td>
    </>
  );
}
