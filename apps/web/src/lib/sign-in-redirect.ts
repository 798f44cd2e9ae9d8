import { assignLocation, currentPathAndSearch } from './browser-location';

export const SIGN_IN_PATH = '/auth/login';

/** `/auth/login?returnTo=<path+search>`; the BFF only accepts same-origin relative paths. */
export function signInUrl(returnTo: string = currentPathAndSearch()): string {
  return `${SIGN_IN_PATH}?returnTo=${encodeURIComponent(returnTo)}`;
}

let redirectStarted = false;

/**
 * Sends the browser to the BFF's sign-in endpoint. Idempotent: several requests failing with 401
 * at the same time (and the app shell noticing it) lead to one single navigation.
 */
export function redirectToSignIn(returnTo?: string): void {
  if (redirectStarted) return;
  redirectStarted = true;
  assignLocation(signInUrl(returnTo));
}

/** Tests only: allow another redirect. */
export function resetSignInRedirect(): void {
  redirectStarted = false;
}
