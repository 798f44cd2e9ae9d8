import type { SessionRow } from '@session-desk/contracts';
import type { MouseEvent } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { SessionActivityCells, sessionCell } from '@/components/ui/session-activity-cells';
import { cn } from '@/lib/cn';
import { formatDateTime } from '@/lib/format';

const th = 'px-3 py-2 text-left text-xs font-semibold tracking-wide whitespace-nowrap text-slate-600 uppercase';
const td = sessionCell;

export interface UserSessionsTableProps {
  caption: string;
  sessions: SessionRow[];
  emptyText: string;
  /** Present when the operator may end these sessions. */
  onEnd?: ((session: SessionRow, trigger: HTMLElement) => void) | undefined;
}

const revokedBy = { user: 'the user was logged out everywhere', realm: 'all tokens of the realm were revoked', client: 'its apps’ tokens were revoked' } as const;

/** "Revoked" with why and when, or "Active": whether Keycloak still honours the session's tokens. */
export function SessionStatus({ session }: { session: Pick<SessionRow, 'revoked'> }) {
  if (!session.revoked) return <Badge tone="neutral">Active</Badge>;
  const when = formatDateTime(session.revoked.at);
  return (
    <span data-testid="session-revoked">
      <Badge tone="danger">Revoked</Badge>
      <span className="mt-1 block text-xs text-slate-600">
        Keycloak refuses its tokens since {when}: {revokedBy[session.revoked.by]}.
      </span>
    </span>
  );
}

/** One group (regular or offline) of a user's sessions. */
export function UserSessionsTable({ caption, sessions, emptyText, onEnd }: UserSessionsTableProps) {
  if (sessions.length === 0) {
    return <p className="px-4 py-4 text-sm text-slate-500">{emptyText}</p>;
  }
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full divide-y divide-slate-200">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50">
          <tr>
            <th scope="col" className={th}>
              Status
            </th>
            <th scope="col" className={th}>
              IP address
            </th>
            <th scope="col" className={th}>
              Started
            </th>
            <th scope="col" className={th}>
              Last access
            </th>
            <th scope="col" className={th}>
              Clients
            </th>
            {onEnd ? (
              <th scope="col" className={cn(th, 'text-right')}>
                <span className="sr-only">Actions</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 bg-white">
          {sessions.map((session) => (
            <tr key={session.id} data-testid="user-session-row" data-session-id={session.id} data-revoked={session.revoked ? 'true' : undefined}>
              <td className={td}>
                <SessionStatus session={session} />
              </td>
              <SessionActivityCells session={session} />
              {onEnd ? (
                <td className={cn(td, 'text-right')}>
                  <Button
                    variant="secondary"
                    size="sm"
                    aria-label={`End session of ${session.username} from ${session.ipAddress}`}
                    onClick={(event: MouseEvent<HTMLButtonElement>) => onEnd(session, event.currentTarget)}
                  >
                    End session
                  </Button>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
