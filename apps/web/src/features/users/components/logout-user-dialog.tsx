import type { LogoutUserResponse } from '@session-desk/contracts';
import { useId, useState } from 'react';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { useToast } from '@/components/ui/toast';
import { formatCount } from '@/lib/format';
import { useLogoutUser } from '../api/logout-user';

export interface LogoutUserDialogProps {
  realm: string;
  user: { id: string; username: string };
  sessionCount: number;
  offlineCount: number;
  onClose: () => void;
  /** Called on success, before `onClose` (e.g. to move focus somewhere sensible). */
  onLoggedOut?: () => void;
  returnFocusTo?: HTMLElement | null;
}

/** "Logged out alice.martin: 3 sessions ended, 1 offline session ended" */
export function describeLogout(result: LogoutUserResponse, includeOffline: boolean): string {
  const parts = [`${formatCount(result.endedRegular, 'session')} ended`];
  if (includeOffline || result.endedOffline > 0) parts.push(`${formatCount(result.endedOffline, 'offline session')} ended`);
  return `Logged out ${result.username}: ${parts.join(', ')}`;
}

/** Confirms signing a user out of everything (offline sessions only when asked to), with a reason. */
export function LogoutUserDialog({ realm, user, sessionCount, offlineCount, onClose, onLoggedOut, returnFocusTo }: LogoutUserDialogProps) {
  const checkboxId = useId();
  const [includeOffline, setIncludeOffline] = useState(false);
  const logout = useLogoutUser();
  const toast = useToast();

  const what = [formatCount(sessionCount, 'session')];
  if (includeOffline) what.push(formatCount(offlineCount, 'offline session'));

  function confirm(reason: string) {
    logout.mutate(
      { realm, userId: user.id, reason, includeOffline },
      {
        onSuccess: (result) => {
          toast.show({
            title: describeLogout(result, includeOffline),
            ...(result.offlineClients.length > 0 ? { description: `Offline access revoked for ${result.offlineClients.join(', ')}.` } : {}),
          });
          onLoggedOut?.();
          onClose();
        },
      },
    );
  }

  return (
    <ConfirmDialog
      title="Log out everywhere"
      confirmLabel="Log out everywhere"
      pending={logout.isPending}
      error={logout.isError ? logout.error : undefined}
      onConfirm={confirm}
      onClose={onClose}
      returnFocusTo={returnFocusTo}
      summary={
        <>
          <p className="text-base text-slate-900" data-testid="logout-summary">
            Log out {user.username} everywhere: {what.join(' and ')}
          </p>
          <p>
            {user.username} will have to sign in again in every browser and app.
            {includeOffline ? '' : ' Offline sessions (apps that keep working without them) are left alone.'}
          </p>
        </>
      }
    >
      {offlineCount > 0 ? (
      <div className="flex items-start gap-3 rounded-md border border-slate-200 bg-slate-50 px-3 py-2.5">
        <input
          id={checkboxId}
          type="checkbox"
          checked={includeOffline}
          disabled={logout.isPending}
          onChange={(event) => setIncludeOffline(event.target.checked)}
          aria-describedby={`${checkboxId}-hint`}
          className="mt-0.5 size-4 rounded border-slate-300 text-accent-600 focus-visible:outline-2 focus-visible:outline-accent-600"
        />
        <div className="text-sm">
          <label htmlFor={checkboxId} className="font-medium text-slate-900">
            Also end offline sessions
          </label>
          <p id={`${checkboxId}-hint`} className="text-slate-600">
            {user.username} has {formatCount(offlineCount, 'offline session')}. Ending them revokes the apps’ offline access.
          </p>
        </div>
      </div>
      ) : null}
    </ConfirmDialog>
  );
}
