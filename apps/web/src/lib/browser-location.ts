/**
 * Full-page navigations (leaving the SPA for the BFF's /auth endpoints or another origin).
 * Kept in its own module so tests can replace it with `vi.mock`.
 */
export function assignLocation(url: string): void {
  window.location.assign(url);
}

/** The current in-app location (path + query) used as a sign-in return target. */
export function currentPathAndSearch(): string {
  return `${window.location.pathname}${window.location.search}`;
}
