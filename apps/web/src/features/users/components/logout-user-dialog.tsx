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

/** "Logged out alice.martin: 3 sessions ended, 1 offline session revoked (still listed; its tokens are refused)" */
export function describeLogout(result: LogoutUserResponse, includeOffline: boolean): string {
  const parts = [`${formatCount(result.endedRegular, 'session')} ended`];
  if (includeOffline || result.endedOffline > 0) parts.push(`${formatCount(result.endedOffline, 'offline session')} ended`);
  if (result.revokedOffline > 0) parts.push(`${formatCount(result.revokedOffline, 'offline session')} revoked (still listed; Keycloak refuses its tokens)`);
  return `Logged out ${result.username}: ${parts.join(', ')}`;
}

/**
 * Confirms signing a user out of everything, with a reason. Keycloak's user logout moves the user's
 * not-before, so every token issued to them until now is refused, offline tokens included: the
 * dialog says so whether or not the offline sessions are also removed.
 */
export function LogoutUserDialog({ realm, user, sessionCount, offlineCount, onClose, onLoggedOut, returnFocusTo }: LogoutUserDialogProps) {
  const checkboxId = useId();
  const [includeOffline, setIncludeOffline] = useState(false);
  const logout = useLogoutUser();
  const toast = useToast();

  const what = [formatCount(sessionCount, 'session')];
  if (offlineCount > 0) what.push(formatCount(offlineCount, 'offline session'));

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
          <p data-testid="logout-consequence">
            {user.username} will have to sign in again in every browser and app. Keycloak also stops accepting every token
            issued to {user.username} until now, offline tokens included: apps that work without them must sign{' '}
            {user.username} in again too.
            {offlineCount > 0
              ? includeOffline
                ? ' Their offline sessions are removed and the apps’ offline access revoked.'
                : ' Their offline sessions stay listed, marked revoked.'
              : ''}
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
            Also remove offline sessions
          </label>
          <p id={`${checkboxId}-hint`} className="text-slate-600">
            {user.username} has {formatCount(offlineCount, 'offline session')}. They stop working either way; removing them
            also revokes the apps’ offline access, so they leave the list.
          </p>
        </div>
      </div>
      ) : null}
    </ConfirmDialog>
  );
}
