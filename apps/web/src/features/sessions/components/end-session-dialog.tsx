import type { SessionRow } from '@session-desk/contracts';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { useToast } from '@/components/ui/toast';
import { formatDateTime } from '@/lib/format';
import { isSessionAlreadyGone, useEndSession } from '../api/end-session';
import { clientList, describeSession } from '../lib/describe-session';

export interface EndSessionDialogProps {
  realm: string;
  session: Pick<SessionRow, 'id' | 'type' | 'userId' | 'username' | 'ipAddress' | 'clients' | 'started' | 'lastAccess' | 'revoked'>;
  onClose: () => void;
  /** The session is gone (ended now, or already): called before `onClose`, e.g. to move focus on. */
  onEnded?: () => void;
  returnFocusTo?: HTMLElement | null;
}

/** Confirms ending one session (with a reason), ends it, says what happened. */
export function EndSessionDialog({ realm, session, onClose, onEnded, returnFocusTo }: EndSessionDialogProps) {
  const endSession = useEndSession();
  const toast = useToast();
  const offline = session.type === 'offline';
  const clients = clientList(session);
  const failure = endSession.isError && !isSessionAlreadyGone(endSession.error) ? endSession.error : undefined;

  function confirm(reason: string) {
    endSession.mutate(
      { realm, sessionId: session.id, offline, reason, userId: session.userId },
      {
        onSuccess: (result) => {
          toast.show({ title: `Ended ${result.username}'s ${offline ? 'offline session' : 'session'}` });
          onEnded?.();
          onClose();
        },
        onError: (error) => {
          if (!isSessionAlreadyGone(error)) return; // shown inline, reason kept
          toast.show({
            tone: 'info',
            title: `${session.username}'s ${offline ? 'offline session' : 'session'} had already ended`,
            description: 'Nothing else to do. The list has been refreshed.',
          });
          onEnded?.();
          onClose();
        },
      },
    );
  }

  return (
    <ConfirmDialog
      title={offline ? 'End offline session' : 'End session'}
      confirmLabel="End session"
      pending={endSession.isPending}
      error={failure}
      onConfirm={confirm}
      onClose={onClose}
      returnFocusTo={returnFocusTo}
      summary={
        <>
          <p className="text-base text-slate-900" data-testid="end-session-summary">
            End {describeSession(session)}
          </p>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-xs text-slate-600">
            <dt>Started</dt>
            <dd>{formatDateTime(session.started)}</dd>
            <dt>Last access</dt>
            <dd>{formatDateTime(session.lastAccess)}</dd>
          </dl>
          <p>
            {session.revoked
              ? `Keycloak already refuses this session’s tokens (since ${formatDateTime(session.revoked.at)}): no app can use it. Ending it removes it from Keycloak’s list; no one has to sign in again because of this.`
              : offline
              ? `The app${session.clients.length === 1 ? '' : 's'} holding this offline token (${clients || 'none listed'}) will have to ask ${session.username} to sign in again.`
              : `${session.username} will have to sign in again${clients ? ` to ${clients}` : ''}.`}
          </p>
        </>
      }
    />
  );
}
