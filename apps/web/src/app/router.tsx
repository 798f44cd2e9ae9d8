import { lazy, type ComponentType } from 'react';
import { createBrowserRouter, Navigate, type RouteObject } from 'react-router';
import { AppShell } from '@/app/layouts/app-shell';
import { paths } from '@/config/paths';
import { RouteErrorBoundary } from './routes/route-error';
import { SignedOutRoute } from './routes/signed-out';

/** What a route's `handle` carries: the loader of its page's module, started before the page renders. */
export interface PageHandle {
  preload: () => Promise<unknown>;
}

/**
 * One lazily loaded page: `load` imports the route module (its own chunk) and `name` picks the
 * component. The shell's Suspense shows a skeleton while the chunk arrives; a failed load throws
 * into the route's error element like any rendering error.
 */
function page<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K): Pick<RouteObject, 'element' | 'handle'> {
  const Page = lazy<ComponentType>(() => load().then((module) => ({ default: module[name] })));
  const handle: PageHandle = { preload: load };
  return { element: <Page />, handle };
}

const sessions = () => import('./routes/sessions');
const users = () => import('./routes/users');
const events = () => import('./routes/events');
const concerns = () => import('./routes/concerns');

export const routes: RouteObject[] = [
  {
    // Everything inside the shell needs a signed-in operator.
    path: paths.home,
    element: <AppShell />,
    errorElement: <RouteErrorBoundary />,
    children: [
      { index: true, ...page(() => import('./routes/home'), 'HomeRoute') },
      { path: paths.sessionsEntry, ...page(sessions, 'SessionsEntryRoute') },
      { path: paths.usersEntry, ...page(users, 'UsersEntryRoute') },
      { path: paths.eventsEntry, ...page(events, 'EventsEntryRoute') },
      { path: paths.concernsEntry, ...page(concerns, 'ConcernsEntryRoute') },
      { path: paths.audit.pattern, ...page(() => import('./routes/audit'), 'AuditRoute') },
      { path: paths.realm.pattern, element: <Navigate to="sessions" replace /> },
      { path: paths.sessions.pattern, ...page(sessions, 'SessionsRoute') },
      { path: paths.users.pattern, ...page(users, 'UsersRoute') },
      { path: paths.user.pattern, ...page(() => import('./routes/user'), 'UserRoute') },
      { path: paths.events.pattern, ...page(events, 'EventsRoute') },
      { path: paths.concerns.pattern, ...page(concerns, 'ConcernsRoute') },
      { path: paths.mySessions, ...page(() => import('./routes/my-sessions'), 'MySessionsRoute') },
      { path: paths.connection, ...page(() => import('./routes/connection'), 'ConnectionRoute') },
      { path: '*', ...page(() => import('./routes/not-found'), 'NotFoundRoute') },
    ],
  },
  {
    // Outside the shell on purpose: it must neither call /api/me nor send anyone to sign-in.
    path: paths.signedOut,
    element: <SignedOutRoute />,
    errorElement: <RouteErrorBoundary />,
  },
];

/** Starts loading the modules of the pages `router` shows now, so they arrive while the shell asks who is signed in. */
export function preloadMatchedPages(router: { state: { matches: ReadonlyArray<{ route: { handle?: unknown } }> } }): void {
  for (const { route } of router.state.matches) {
    const handle = route.handle as Partial<PageHandle> | undefined;
    void handle?.preload?.().catch(() => undefined); // a failure shows when the page renders
  }
}

export function createAppRouter() {
  const router = createBrowserRouter(routes);
  preloadMatchedPages(router);
  return router;
}
