import type { MySessionRow } from '@session-desk/contracts';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { useToast } from '@/components/ui/toast';
import { isApiClientError } from '@/lib/api-client';
import { formatDateTime } from '@/lib/format';
import { useEndMySession } from '../api/end-my-session';

function where(session: Pick<MySessionRow, 'ipAddress' | 'clients'>): string {
  const clients = session.clients.map((client) => client.clientId).join(', ');
  return `from ${session.ipAddress}${clients ? ` on ${clients}` : ''}`;
}

/**
 * Confirms ending one of the operator's own other sessions. The BFF takes no reason for this
 * (DELETE /api/me/sessions/:id has no body), so none is asked for.
 */
export function EndMySessionDialog({
  session,
  operatorRealm,
  onClose,
  onEnded,
  returnFocusTo,
}: {
  session: MySessionRow;
  operatorRealm?: string | undefined;
  onClose: () => void;
  /** The session is gone (ended now, or already): called before `onClose`. */
  onEnded?: () => void;
  returnFocusTo?: HTMLElement | null;
}) {
  const endMySession = useEndMySession({ operatorRealm });
  const toast = useToast();
  const gone = isApiClientError(endMySession.error) && endMySession.error.status === 404;

  function confirm() {
    endMySession.mutate(
      { sessionId: session.id },
      {
        onSuccess: () => {
          toast.show({ title: `Ended your session ${where(session)}` });
          onEnded?.();
          onClose();
        },
        onError: (error) => {
          if (!(isApiClientError(error) && error.status === 404)) return;
          toast.show({ tone: 'info', title: 'That session had already ended', description: 'The list has been refreshed.' });
          onEnded?.();
          onClose();
        },
      },
    );
  }

  return (
    <ConfirmDialog
      title="End one of your sessions"
      confirmLabel="End session"
      requireReason={false}
      pending={endMySession.isPending}
      error={endMySession.isError && !gone ? endMySession.error : undefined}
      onConfirm={confirm}
      onClose={onClose}
      returnFocusTo={returnFocusTo}
      summary={
        <>
          <p className="text-base text-slate-900">End your session {where(session)}</p>
          <p className="text-xs text-slate-600">
            Started {formatDateTime(session.started)}, last used {formatDateTime(session.lastAccess)}. That browser or
            app will have to sign in again; this session stays signed in.
          </p>
        </>
      }
    />
  );
}
