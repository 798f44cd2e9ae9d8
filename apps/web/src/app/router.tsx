import { lazy, Suspense, type ComponentType } from 'react';
import { Redirect, Route, Switch, useLocation } from 'wouter';
import { AppShell } from '@/app/layouts/app-shell';
import { ErrorBoundary } from '@/components/ui/error-boundary';
import { matchPattern, paths } from '@/config/paths';
import { useRouteParam, useSearchString } from '@/lib/router';
import { RouteErrorPage } from './routes/route-error';

/** A page inside the shell: its path pattern, its component and, for a lazily loaded page, the loader of its module. */
export interface ShellRoute {
  path: string;
  Page: ComponentType;
  preload?: () => Promise<unknown>;
}

/**
 * One lazily loaded page: `load` imports the route module (its own chunk) and `name` picks the
 * component. The shell's Suspense shows a skeleton while the chunk arrives; a failed load throws
 * into the route error boundary like any rendering error.
 */
function page<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K): Pick<ShellRoute, 'Page' | 'preload'> {
  const Page = lazy<ComponentType>(() => load().then((module) => ({ default: module[name] })));
  return { Page, preload: load };
}

/** `/realms/:realm` goes to the realm's sessions. */
function RealmRedirect() {
  return <Redirect to={paths.sessions(useRouteParam('realm') ?? '')} replace />;
}

const sessions = () => import('./routes/sessions');
const users = () => import('./routes/users');
const events = () => import('./routes/events');
const concerns = () => import('./routes/concerns');

/** Everything inside the shell needs a signed-in operator. The first route matching the path is shown. */
export const shellRoutes: readonly ShellRoute[] = [
  { path: paths.home, ...page(() => import('./routes/home'), 'HomeRoute') },
  { path: paths.sessionsEntry, ...page(sessions, 'SessionsEntryRoute') },
  { path: paths.usersEntry, ...page(users, 'UsersEntryRoute') },
  { path: paths.eventsEntry, ...page(events, 'EventsEntryRoute') },
  { path: paths.concernsEntry, ...page(concerns, 'ConcernsEntryRoute') },
  { path: paths.audit.pattern, ...page(() => import('./routes/audit'), 'AuditRoute') },
  { path: paths.realm.pattern, Page: RealmRedirect },
  { path: paths.sessions.pattern, ...page(sessions, 'SessionsRoute') },
  { path: paths.users.pattern, ...page(users, 'UsersRoute') },
  { path: paths.user.pattern, ...page(() => import('./routes/user'), 'UserRoute') },
  { path: paths.events.pattern, ...page(events, 'EventsRoute') },
  { path: paths.concerns.pattern, ...page(concerns, 'ConcernsRoute') },
  { path: paths.mySessions, ...page(() => import('./routes/my-sessions'), 'MySessionsRoute') },
  { path: paths.connection, ...page(() => import('./routes/connection'), 'ConnectionRoute') },
  { path: '*', ...page(() => import('./routes/not-found'), 'NotFoundRoute') },
];

// Seen after a sign-out or a sign-in that did not complete, never on the way to a page: not in every first load.
const signedOut = page(() => import('./routes/signed-out'), 'SignedOutRoute');

/** Starts loading the module of the page `pathname` shows, so it arrives while the shell asks who is signed in. */
export function preloadPageOf(pathname: string, routes: readonly ShellRoute[] = shellRoutes): void {
  const route = matchPattern(paths.signedOut, pathname) !== undefined ? signedOut : routes.find((candidate) => matchPattern(candidate.path, pathname) !== undefined);
  void route?.preload?.().catch(() => undefined); // a failure shows when the page renders
}

function ShellPages() {
  return (
    <Switch>
      {shellRoutes.map(({ path, Page }) => (
        <Route key={path} path={path}>
          <Page />
        </Route>
      ))}
    </Switch>
  );
}

export function AppRoutes() {
  const [pathname] = useLocation();
  const search = useSearchString();
  return (
    // A navigation leaves a page that failed, as it would leave any page.
    <ErrorBoundary resetKey={`${pathname}${search}`} fallback={(error) => <RouteErrorPage error={error} />}>
      <Switch>
        {/* Outside the shell on purpose: it must neither call /api/me nor send anyone to sign-in. */}
        <Route path={paths.signedOut}>
          <Suspense fallback={null}>
            <signedOut.Page />
          </Suspense>
        </Route>
        <Route>
          <AppShell>
            <ShellPages />
          </AppShell>
        </Route>
      </Switch>
    </ErrorBoundary>
  );
}
