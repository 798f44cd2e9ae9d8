import type { MySessionRow } from '@session-desk/contracts';
import { useRef, useState, type ReactNode } from 'react';
import { useFocusAfterEnd } from '@/components/sessions/focus-after-end';
import { EndSessionButton, SessionsTable } from '@/components/sessions/sessions-table';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { QueryErrorPanel } from '@/components/ui/error-panel';
import { Skeleton } from '@/components/ui/skeleton';
import { useMySessions } from '../api/get-my-sessions';
import { EndMySessionDialog } from './end-my-session-dialog';

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
  const tableRef = useRef<HTMLElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const { markEnded } = useFocusAfterEnd(tableRef, headingRef, ending !== null);

  if (mySessions.isError && !mySessions.data) {
    return (
      <QueryErrorPanel context="Your sessions could not be loaded" query={mySessions} />
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
  const currentSessionId = items.find((session) => session.current)?.id ?? null;

  return (
    <>
      <Card ref={tableRef} aria-labelledby="my-sessions-heading">
        <h2 id="my-sessions-heading" ref={headingRef} tabIndex={-1} className="sr-only">
          Your sessions
        </h2>
        <SessionsTable
          testId="my-sessions-table"
          rowTestId="my-session-row"
          caption="Your sessions, the current one first"
          sessions={items}
          hiddenColumns={['user']}
          currentSessionId={currentSessionId}
          currentSessionAction={currentSessionAction}
          renderActions={
            canEnd
              ? (session, reason) => (
                  <EndSessionButton
                    label="End session"
                    accessibleName={`End session from ${session.ipAddress}`}
                    reason={reason}
                    onEnd={(trigger) => setEnding({ session, trigger })}
                  />
                )
              : undefined
          }
        />
      </Card>
      {ending ? (
        <EndMySessionDialog
          session={ending.session}
          operatorRealm={operatorRealm}
          returnFocusTo={ending.trigger}
          onEnded={() => markEnded(ending.session.id)}
          onClose={() => setEnding(null)}
        />
      ) : null}
    </>
  );
}
