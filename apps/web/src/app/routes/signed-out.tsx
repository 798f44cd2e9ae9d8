import { BrandMark } from '@/components/ui/brand-mark';
import { FullPageMessage } from '@/components/ui/full-page-status';
import { env } from '@/config/env';
import type { SignedOutState } from '@/features/auth/api/sign-out';
import { useLocationState } from '@/lib/router';
import { SIGN_IN_PATH } from '@/lib/sign-in-redirect';

function keycloakSessionEnded(state: unknown): boolean | undefined {
  if (typeof state === 'object' && state !== null && 'keycloakSessionEnded' in state) {
    const value = (state as SignedOutState).keycloakSessionEnded;
    return typeof value === 'boolean' ? value : undefined;
  }
  return undefined;
}

/** Public page: no /api/me call, no automatic redirect, just a way back in. */
export function SignedOutRoute() {
  const ended = keycloakSessionEnded(useLocationState());
  return (
    <FullPageMessage>
      <title>{`Signed out · ${env.APP_NAME}`}</title>
      <div className="rounded-lg border border-slate-200 bg-white p-8 text-center shadow-sm">
        <BrandMark className="mx-auto size-10" />
        <h1 className="mt-6 text-2xl font-semibold tracking-tight text-slate-900">You are signed out</h1>
        <p className="mt-2 text-sm text-slate-600">
          Your {env.APP_NAME} session has ended. Close this tab or sign in again to continue.
        </p>
        {ended === false ? (
          <p className="mt-4 rounded-md bg-amber-50 px-4 py-3 text-left text-sm text-amber-900">
            Your Keycloak single sign-on may still be active in this browser. On a shared computer, close the browser
            to be sure.
          </p>
        ) : null}
        <a
          href={SIGN_IN_PATH}
          className="mt-6 inline-flex h-10 items-center justify-center rounded-md bg-accent-600 px-4 text-sm font-medium text-white shadow-sm hover:bg-accent-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent-600"
        >
          Sign in again
        </a>
      </div>
    </FullPageMessage>
  );
}
