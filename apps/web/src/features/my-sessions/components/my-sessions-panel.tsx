import type { MySessionRow } from '@session-desk/contracts';
import { useState, type ReactNode } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorPanel } from '@/components/ui/error-panel';
import { SessionActivityCells, sessionCell } from '@/components/ui/session-activity-cells';
import { SessionTypeBadge } from '@/components/ui/session-type-badge';
import { Skeleton } from '@/components/ui/skeleton';
import { cn } from '@/lib/cn';
import { useMySessions } from '../api/get-my-sessions';
import { EndMySessionDialog } from './end-my-session-dialog';

const th = 'px-3 py-2.5 text-left text-xs font-semibold tracking-wide whitespace-nowrap text-slate-600 uppercase';
const td = sessionCell;

export interface MySessionsPanelProps {
  /** The operator holds own-sessions:end. */
  canEnd: boolean;
  /** Where the operator's sessions live (its realm lists are refreshed after ending one). */
  operatorRealm?: string | undefined;
  /** Offered on the current session instead of ending it (ending it is refused): "Sign out". */
  currentSessionAction?: ReactNode;
}

/** The operator's own sessions; the current one is marked and cannot be ended from here. */
export function MySessionsPanel({ canEnd, operatorRealm, currentSessionAction }: MySessionsPanelProps) {
  const mySessions = useMySessions();
  const [ending, setEnding] = useState<{ session: MySessionRow; trigger: HTMLElement } | null>(null);

  if (mySessions.isError && !mySessions.data) {
    return (
      <ErrorPanel
        context="Your sessions could not be loaded"
        error={mySessions.error}
        onRetry={() => void mySessions.refetch()}
        retrying={mySessions.isFetching}
      />
    );
  }
  if (!mySessions.data) {
    return (
      <Card>
        <p className="sr-only">Loading your sessions…</p>
        <div aria-hidden="true" className="space-y-3 p-5">
          <Skeleton className="w-64" />
          <Skeleton className="w-48" />
        </div>
      </Card>
    );
  }

  // The current session first, then the most recently used.
  const items = [...mySessions.data.items].sort(
    (a, b) => Number(b.current) - Number(a.current) || b.lastAccess.localeCompare(a.lastAccess),
  );
  if (items.length === 0) {
    return <EmptyState title="No sessions found" description="Keycloak lists no sessions for your account right now." />;
  }

  return (
    <>
      <Card>
        <div className="overflow-x-auto">
          <table className="min-w-full divide-y divide-slate-200" data-testid="my-sessions-table">
            <caption className="sr-only">Your sessions, the current one first</caption>
            <thead className="bg-slate-50">
              <tr>
                <th scope="col" className={th}>
                  Session
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
                <th scope="col" className={cn(th, 'text-right')}>
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 bg-white">
              {items.map((session) => (
                <tr
                  key={`${session.type}:${session.id}`}
                  data-testid="my-session-row"
                  data-session-id={session.id}
                  data-current={session.current || undefined}
                  className={session.current ? 'bg-accent-50/40' : undefined}
                >
                  <td className={td}>
                    <div className="flex flex-wrap items-center gap-1.5">
                      {session.current ? <Badge tone="accent">This session</Badge> : null}
                      <SessionTypeBadge type={session.type} />
                    </div>
                  </td>
                  <SessionActivityCells session={session} />
                  <td className={cn(td, 'text-right')}>
                    {session.current ? (
                      currentSessionAction
                    ) : canEnd ? (
                      <Button
                        variant="secondary"
                        size="sm"
                        aria-label={`End session from ${session.ipAddress}`}
                        onClick={(event) => setEnding({ session, trigger: event.currentTarget })}
                      >
                        End session
                      </Button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
      {ending ? (
        <EndMySessionDialog
          session={ending.session}
          operatorRealm={operatorRealm}
          returnFocusTo={ending.trigger}
          onClose={() => setEnding(null)}
        />
      ) : null}
    </>
  );
}
