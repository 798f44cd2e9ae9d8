import type { SignInProblem } from '@session-desk/contracts';
import { BrandMark } from '@/components/ui/brand-mark';
import { FullPageMessage } from '@/components/ui/full-page-status';
import { env } from '@/config/env';
import type { SignedOutState } from '@/features/auth/api/sign-out';
import { useLocationState, useSearchString } from '@/lib/router';
import { SESSION_ENDED_REASON, SIGN_IN_PATH, signInUrl } from '@/lib/sign-in-redirect';

function afterActionOf(state: unknown): SignedOutState['afterAction'] {
  if (typeof state !== 'object' || state === null || !('afterAction' in state)) return undefined;
  const after = (state as SignedOutState).afterAction;
  return after && typeof after.title === 'string' ? after : undefined;
}

function keycloakSessionEnded(state: unknown): boolean | undefined {
  if (typeof state === 'object' && state !== null && 'keycloakSessionEnded' in state) {
    const value = (state as SignedOutState).keycloakSessionEnded;
    return typeof value === 'boolean' ? value : undefined;
  }
  return undefined;
}

/** What the page says when the BFF sent a browser here because its sign-in did not complete (`?reason=`). */
const signInProblems: Record<SignInProblem, { title: string; text: string }> = {
  'no-role': {
    title: 'You have no role in this console',
    text: `Keycloak signed you in, but your account holds none of ${env.APP_NAME}'s roles (admin, help-desk or auditor). Ask a Keycloak administrator to grant you one, then sign in again.`,
  },
  'sign-in-expired': {
    title: 'This sign-in has expired',
    text: 'The sign-in was not started from this browser, was already used, or took too long. Start it again.',
  },
  'sign-in-refused': {
    title: 'Keycloak did not sign you in',
    text: 'The sign-in was cancelled or refused at Keycloak. You can try again.',
  },
  'sign-in-failed': {
    title: 'The sign-in did not complete',
    text: 'Keycloak reported a problem while signing you in. Try again; if it keeps failing, tell your administrator.',
  },
  'keycloak-unavailable': {
    title: 'Keycloak cannot be reached',
    text: `${env.APP_NAME} signs you in through Keycloak, which is not answering right now. Try again in a minute.`,
  },
  'store-unavailable': {
    title: 'Your sign-in could not be kept',
    text: `${env.APP_NAME} could not store your session right now. Try again in a minute.`,
  },
  'too-many-sign-ins': {
    title: 'Too many sign-in attempts',
    text: `More sign-ins were started from your address than ${env.APP_NAME} allows in a minute. Wait a minute, then sign in again.`,
  },
};

/** Why the page is shown when a session the console was using ended while the page was open (see `redirectToSignIn`). */
const sessionEnded = {
  title: 'Your session has ended',
  text: `Your ${env.APP_NAME} session ended while the page was open: it timed out, you signed out in another tab, or your Keycloak sign-in was ended (by you or an administrator). Sign in again to go back to where you were.`,
};

function problemOf(search: string): { title: string; text: string } | undefined {
  const reason = new URLSearchParams(search).get('reason');
  if (reason === SESSION_ENDED_REASON) return sessionEnded;
  return reason !== null && Object.hasOwn(signInProblems, reason) ? signInProblems[reason as SignInProblem] : undefined;
}

/** Sign-in, back to the page named by `?returnTo=` when it is a path of this console (the BFF checks it again). */
function signInHref(search: string): string {
  const returnTo = new URLSearchParams(search).get('returnTo');
  return returnTo?.startsWith('/') && !returnTo.startsWith('//') && !returnTo.startsWith('/\\') ? signInUrl(returnTo) : SIGN_IN_PATH;
}

/** Public page: no /api/me call, no automatic redirect, just a way back in (and why, after a sign-in that did not complete). */
export function SignedOutRoute() {
  const locationState = useLocationState();
  const ended = keycloakSessionEnded(locationState);
  const afterAction = afterActionOf(locationState);
  const search = useSearchString();
  const problem = problemOf(search);
  return (
    <FullPageMessage>
      <title>{`${problem ? 'Not signed in' : 'Signed out'} · ${env.APP_NAME}`}</title>
      <div className="rounded-lg border border-slate-200 bg-white p-8 text-center shadow-sm">
        <BrandMark className="mx-auto size-10" />
        <h1 className="mt-6 text-2xl font-semibold tracking-tight text-slate-900">{problem?.title ?? 'You are signed out'}</h1>
        <p className="mt-2 text-sm text-slate-600">
          {problem ? problem.text : `Your ${env.APP_NAME} session has ended. Close this tab or sign in again to continue.`}
        </p>
        {afterAction ? (
          <div role="status" className="mt-4 rounded-md bg-emerald-50 px-4 py-3 text-left text-sm text-emerald-900" data-testid="after-action">
            <p className="font-medium">{afterAction.title}</p>
            {afterAction.description ? <p className="mt-1">{afterAction.description}</p> : null}
            <p className="mt-1">That signed you out too.</p>
          </div>
        ) : null}
        {ended === false ? (
          <p className="mt-4 rounded-md bg-amber-50 px-4 py-3 text-left text-sm text-amber-900">
            Your Keycloak single sign-on may still be active in this browser. On a shared computer, close the browser
            to be sure.
          </p>
        ) : null}
        <a
          href={signInHref(search)}
          className="mt-6 inline-flex h-10 items-center justify-center rounded-md bg-accent-600 px-4 text-sm font-medium text-white shadow-sm hover:bg-accent-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent-600"
        >
          Sign in again
        </a>
      </div>
    </FullPageMessage>
  );
}
