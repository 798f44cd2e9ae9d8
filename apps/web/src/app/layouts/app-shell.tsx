import type { MeResponse } from '@session-desk/contracts';
import { Suspense, useEffect, type ReactNode } from 'react';
import { Link, useLocation } from 'wouter';
import { BrandMark } from '@/components/ui/brand-mark';
import { Button } from '@/components/ui/button';
import { ErrorPanel, QueryErrorPanel } from '@/components/ui/error-panel';
import { FullPageMessage, FullPageStatus } from '@/components/ui/full-page-status';
import { PageSkeleton } from '@/components/ui/page-skeleton';
import { env } from '@/config/env';
import { navigation, navItemHref, realmOfPath, visibleNavItems } from '@/config/navigation';
import { ConcernCountBadge } from '@/features/concerns/components/concern-count-badge';
import { useRealms } from '@/features/realms/api/get-realms';
import { useMe } from '@/features/auth/api/get-me';
import { useSignOut } from '@/features/auth/api/sign-out';
import { OperatorBadge } from '@/features/auth/components/operator-badge';
import { isUnauthenticatedError } from '@/lib/api-client';
import { cn } from '@/lib/cn';
import { useSearchString } from '@/lib/router';
import { useScrollRestoration } from '@/lib/use-scroll-restoration';
import { redirectToSignIn } from '@/lib/sign-in-redirect';

/**
 * The authenticated frame of the console. It owns the operator (`GET /api/me`): nothing below it
 * renders until we know who is signed in, and a missing session sends the browser to sign-in.
 */
export function AppShell({ children }: { children: ReactNode }) {
  const me = useMe();
  const [pathname] = useLocation();
  const returnTo = `${pathname}${useSearchString()}`;
  const unauthenticated = isUnauthenticatedError(me.error);

  useEffect(() => {
    // The API client normally starts this already; the call is idempotent.
    if (unauthenticated) redirectToSignIn(returnTo);
  }, [unauthenticated, returnTo]);

  if (unauthenticated) {
    return <FullPageStatus title="Signing you in…" description="Your sign-in has ended or not started yet. Taking you to the sign-in page." />;
  }
  if (me.data) {
    return (
      <ShellLayout operator={me.data}>
        {/* Pages are loaded lazily (app/router.tsx); the frame, nav and skip link stay put meanwhile. */}
        <Suspense fallback={<PageSkeleton />}>{children}</Suspense>
      </ShellLayout>
    );
  }
  // The reason shows from the first failed attempt (Keycloak down, or slow to answer the operator's
  // re-check), not after every retry has waited its turn; the query goes on retrying meanwhile.
  const failure = me.error ?? (me.failureCount > 0 ? me.failureReason : null);
  if (failure) {
    return (
      <FullPageMessage brand={env.APP_NAME}>
        <QueryErrorPanel context={`${env.APP_NAME} could not load`} query={{ ...me, error: failure }} />
      </FullPageMessage>
    );
  }
  return <FullPageStatus title={`Loading ${env.APP_NAME}…`} description="Checking who is signed in." />;
}

/** The count of sessions of concern in the realm being looked at (read from the URL), else in the default realm. */
function ConcernsNavBadge({ pathname }: { pathname: string }) {
  const realm = realmOfPath(pathname);
  return realm ? <ConcernCountBadge realm={realm} /> : <DefaultRealmConcernsBadge />;
}

function DefaultRealmConcernsBadge() {
  const realms = useRealms();
  return <ConcernCountBadge realm={realms.data?.defaultRealm} />;
}

/** A nav link is current on `to` and, unless `end`, on any path below it; case-insensitive, as routes match. */
function isActiveLink(pathname: string, to: string, end: boolean): boolean {
  const current = pathname.toLowerCase();
  const target = to.toLowerCase();
  return current === target || (!end && current.startsWith(target) && current.charAt(target.length) === '/');
}

function ShellLayout({ operator, children }: { operator: MeResponse; children: ReactNode }) {
  const signOut = useSignOut();
  const [pathname] = useLocation();
  useScrollRestoration(pathname, useSearchString());
  const items = visibleNavItems(navigation, operator.permissions);

  return (
    <div className="flex min-h-dvh flex-col">
      <a
        href="#main"
        className="sr-only z-50 rounded-md bg-white px-3 py-2 text-sm font-medium text-accent-700 shadow focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
      >
        Skip to main content
      </a>
      <header className="sticky top-0 z-40 border-b border-slate-200 bg-white/95 backdrop-blur">
        <div className="mx-auto flex h-16 max-w-[96rem] items-center justify-between gap-4 px-4 sm:px-6">
          <div className="flex min-w-0 shrink-0 items-center gap-2 sm:gap-3">
            <BrandMark />
            <span data-testid="brand-name" className="shrink-0 text-base font-semibold tracking-tight whitespace-nowrap text-slate-900 sm:text-lg">
              {env.APP_NAME}
            </span>
            <span className="hidden rounded bg-slate-100 px-2 py-0.5 font-mono text-xs text-slate-600 md:inline" title="Keycloak realm">
              {operator.realm}
            </span>
          </div>
          <div className="flex min-w-0 items-center gap-3 sm:gap-4">
            <OperatorBadge operator={operator} />
            <Button variant="secondary" size="sm" loading={signOut.isPending} onClick={() => signOut.mutate()}>
              Sign out
            </Button>
          </div>
        </div>
      </header>

      <div className="mx-auto flex w-full max-w-[96rem] flex-1 flex-col md:flex-row">
        <nav aria-label="Main" className="border-b border-slate-200 md:w-56 md:shrink-0 md:border-r md:border-b-0">
          <ul className="flex flex-wrap gap-1 px-4 py-2 sm:px-6 md:flex-col md:flex-nowrap md:px-3 md:py-6">
            {items.map((item) => {
              const href = navItemHref(item, pathname);
              const isActive = isActiveLink(pathname, href, item.end ?? false);
              return (
                <li key={item.to}>
                  <Link
                    to={href}
                    aria-current={isActive ? 'page' : undefined}
                    className={cn(
                      // One line per tab in the phone's wrapping row; in the sidebar a label and its badge may take two.
                      'block rounded-md px-3 py-2 text-sm font-medium whitespace-nowrap transition-colors md:whitespace-normal',
                      'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent-600',
                      isActive ? 'bg-accent-50 text-accent-800' : 'text-slate-700 hover:bg-slate-100 hover:text-slate-900',
                    )}
                  >
                    {item.label}
                    {item.badge === 'concerns' ? <ConcernsNavBadge pathname={pathname} /> : null}
                  </Link>
                </li>
              );
            })}
          </ul>
        </nav>

        <main id="main" tabIndex={-1} className="min-w-0 flex-1 px-4 py-6 focus:outline-none sm:px-6 md:py-8">
          {signOut.isError ? (
            <ErrorPanel
              className="mb-6"
              context="We could not sign you out"
              error={signOut.error}
              onRetry={() => signOut.mutate()}
              retrying={signOut.isPending}
            />
          ) : null}
          {children}
        </main>
      </div>
      <footer className="border-t border-slate-200 px-4 py-3 text-center text-xs text-slate-600 sm:px-6">
        Countries and networks of sessions: ip-location-db (CC0 and CC BY 4.0), with data from RouteViews, the NRO and{' '}
        <a href="https://db-ip.com" className="text-accent-700 underline hover:text-accent-900" rel="noreferrer" target="_blank">
          IP Geolocation by DB-IP
        </a>
        .
      </footer>
    </div>
  );
}
