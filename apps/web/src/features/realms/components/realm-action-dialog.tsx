import type { RealmActionResponse } from '@session-desk/contracts';
import { useRef, useState } from 'react';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { ConfirmRealmField } from '@/components/ui/confirm-realm-field';
import { useToast, type ToastOptions } from '@/components/ui/toast';
import { formatDateTime } from '@/lib/format';
import { holdSignInRedirects } from '@/lib/sign-in-redirect';
import { useLogoutRealm } from '../api/logout-realm';
import { useRevokeRealmTokens } from '../api/revoke-realm-tokens';

export type RealmAction = 'logout-all' | 'revoke-tokens';

export interface RealmActionDialogProps {
  realm: string;
  action: RealmAction;
  /** The realm the operator signed in through: signing everyone out there includes them. */
  operatorRealm?: string | undefined;
  onClose: () => void;
  returnFocusTo?: HTMLElement | null;
  /**
   * Called with the result, instead of a toast, when the action was in the operator's own realm: it
   * ended their console session too (the BFF ends it at once), so the page shows the result as it
   * leaves the console.
   */
  onSignedOut?: ((result: ToastOptions) => void) | undefined;
}

export const realmActionTitles: Record<RealmAction, (realm: string) => string> = {
  'logout-all': (realm) => `Sign out everyone in ${realm}`,
  'revoke-tokens': (realm) => `Revoke all tokens issued before now in ${realm}`,
};

/** What happened, for the toast: where the revocation was pushed and where pushing failed. */
export function describeRealmActionResult(result: RealmActionResponse): ToastOptions {
  if (result.action === 'logout-all') {
    return {
      title: `Signed out everyone in ${result.realm}`,
      description: result.offlineEnded
        ? 'Every session of the realm has ended, offline sessions included.'
        : 'Every regular session of the realm has ended. This Keycloak version keeps offline sessions: they still work.',
    };
  }
  const parts = [
    result.notBefore ? `Tokens issued before ${formatDateTime(result.notBefore)} are no longer accepted.` : 'Earlier tokens are no longer accepted.',
    result.pushedTo.length > 0 ? `Pushed to ${result.pushedTo.join(', ')}.` : 'No client takes pushed revocations; they check on their next token refresh.',
  ];
  if (result.pushFailedFor.length > 0) parts.push(`Push failed for ${result.pushFailedFor.join(', ')}: they learn it on their next token refresh.`);
  return {
    tone: result.pushFailedFor.length > 0 ? 'info' : 'success',
    title: `Revoked all tokens in ${result.realm}`,
    description: parts.join(' '),
  };
}

/** Both realm actions end the operator's own console session when they signed in through this realm. */
function SignsYouOut({ realm, operatorRealm }: { realm: string; operatorRealm?: string | undefined }) {
  if (operatorRealm !== realm) return null;
  return <p className="font-medium text-red-800">You signed in through {realm}: this signs you out of Session Desk too.</p>;
}

/**
 * Confirms a realm-wide action: the admin types the realm's name exactly (guards against acting on
 * the wrong realm) and gives a reason; the BFF checks the name again.
 */
export function RealmActionDialog({ realm, action, operatorRealm, onClose, returnFocusTo, onSignedOut }: RealmActionDialogProps) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [typed, setTyped] = useState('');
  const logoutAll = useLogoutRealm({ operatorRealm });
  const revokeTokens = useRevokeRealmTokens();
  const mutation = action === 'logout-all' ? logoutAll : revokeTokens;
  const toast = useToast();
  const matches = typed === realm;

  const signsOperatorOut = operatorRealm === realm && onSignedOut !== undefined;

  function confirm(reason: string) {
    // In the operator's own realm the console session ends with the action: requests that find it gone
    // meanwhile must not send the browser to sign in before the result is shown.
    const release = signsOperatorOut ? holdSignInRedirects() : undefined;
    mutation.mutate(
      { realm, reason, confirmRealm: typed },
      {
        onSuccess: (result) => {
          if (signsOperatorOut) {
            onSignedOut(describeRealmActionResult(result));
            return;
          }
          toast.show(describeRealmActionResult(result));
          onClose();
        },
        onSettled: () => release?.(),
      },
    );
  }

  return (
    <ConfirmDialog
      title={realmActionTitles[action](realm)}
      confirmLabel={action === 'logout-all' ? 'Sign out everyone' : 'Revoke all tokens'}
      pending={mutation.isPending}
      error={mutation.isError ? mutation.error : undefined}
      onConfirm={confirm}
      onClose={onClose}
      confirmDisabled={!matches}
      initialFocusRef={inputRef}
      returnFocusTo={returnFocusTo}
      summary={
        action === 'logout-all' ? (
          <>
            <p className="text-base text-slate-900">
              End every session in <strong className="font-mono">{realm}</strong>.
            </p>
            <p>
              Every user of every application in this realm will have to sign in again. Keycloak 26.2 and later also remove
              offline sessions: apps that work without the user present lose their access. Older versions keep offline
              sessions, and they keep working; the result says which happened.
            </p>
            <SignsYouOut realm={realm} operatorRealm={operatorRealm} />
          </>
        ) : (
          <>
            <p className="text-base text-slate-900">
              Stop accepting every token issued in <strong className="font-mono">{realm}</strong> until now.
            </p>
            <p>
              Keycloak refuses every token issued until now — sign-in cookies, refresh and offline tokens, and access tokens
              it is asked about — so every session stops working and every user must sign in again, in apps with offline
              access too. Sessions stay listed, marked revoked. The revocation is pushed to clients that accept it; an app
              that checks access tokens itself and takes no push accepts the ones it holds until they expire.
            </p>
            <SignsYouOut realm={realm} operatorRealm={operatorRealm} />
          </>
        )
      }
    >
      <ConfirmRealmField ref={inputRef} realm={realm} value={typed} onChange={setTyped} disabled={mutation.isPending} />
    </ConfirmDialog>
  );
}
