import { paths } from '@/config/paths';
import { assignLocation, currentPathAndSearch } from './browser-location';

export const SIGN_IN_PATH = '/auth/login';

/** `/auth/login?returnTo=<path+search>`; the BFF only accepts same-origin relative paths. */
export function signInUrl(returnTo: string = currentPathAndSearch()): string {
  return `${SIGN_IN_PATH}?returnTo=${encodeURIComponent(returnTo)}`;
}

/** The signed-out page's `?reason=` when the session this page was using ended while it was open. */
export const SESSION_ENDED_REASON = 'session-ended';

/** `/signed-out?reason=session-ended&returnTo=<path+search>`: says why, and signs in again back to `returnTo`. */
export function sessionEndedUrl(returnTo: string = currentPathAndSearch()): string {
  return `${paths.signedOut}?reason=${SESSION_ENDED_REASON}&returnTo=${encodeURIComponent(returnTo)}`;
}

let redirectStarted = false;
let holds = 0;
let signedInHere = false;

/**
 * Records that this page has been answered as a signed-in operator (`GET /api/me`). From then on a
 * 401 means the session ended while the page was open (it timed out, the operator signed out in
 * another tab, or Keycloak ended their sign-in), which `redirectToSignIn` explains before signing in.
 */
export function markSignedIn(): void {
  signedInHere = true;
}

/**
 * Sends the browser to the BFF's sign-in endpoint, or, when this page had a signed-in operator
 * (`markSignedIn`), to the signed-out page saying the session ended, whose button signs in again
 * back to `returnTo`: a console that jumped to Keycloak's form mid-task left the operator guessing
 * why. Idempotent: several requests failing with 401 at the same time (and the app shell noticing
 * it) lead to one single navigation. Does nothing while a sign-out holds redirects (see
 * `holdSignInRedirects`), nor on the signed-out page, where signing in again is the operator's choice.
 */
export function redirectToSignIn(returnTo: string = currentPathAndSearch()): void {
  if (redirectStarted || holds > 0 || currentPathAndSearch().split('?')[0] === paths.signedOut) return;
  redirectStarted = true;
  assignLocation(signedInHere ? sessionEndedUrl(returnTo) : signInUrl(returnTo));
}

/**
 * While the operator signs out, a 401 (a refetch still in flight when the BFF ends the session, or
 * the shell's own `/api/me`) is the expected end of the session: no redirect to sign-in until the
 * returned function is called. On a loaded machine such a request won the race and took the
 * browser to Keycloak's login page instead of the signed-out page.
 */
export function holdSignInRedirects(): () => void {
  holds += 1;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    holds -= 1;
  };
}

/** Tests only: allow another redirect. */
export function resetSignInRedirect(): void {
  redirectStarted = false;
  holds = 0;
  signedInHere = false;
}
