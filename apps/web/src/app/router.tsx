import { createBrowserRouter, Navigate, type RouteObject } from 'react-router';
import { AppShell } from '@/app/layouts/app-shell';
import { paths } from '@/config/paths';
import { AuditRoute } from './routes/audit';
import { ConcernsEntryRoute, ConcernsRoute } from './routes/concerns';
import { ConnectionRoute } from './routes/connection';
import { EventsEntryRoute, EventsRoute } from './routes/events';
import { HomeRoute } from './routes/home';
import { MySessionsRoute } from './routes/my-sessions';
import { NotFoundRoute } from './routes/not-found';
import { RouteErrorBoundary } from './routes/route-error';
import { SessionsEntryRoute, SessionsRoute } from './routes/sessions';
import { SignedOutRoute } from './routes/signed-out';
import { UserRoute } from './routes/user';
import { UsersEntryRoute, UsersRoute } from './routes/users';

export const routes: RouteObject[] = [
  {
    // Everything inside the shell needs a signed-in operator.
    path: paths.home,
    element: <AppShell />,
    errorElement: <RouteErrorBoundary />,
    children: [
      { index: true, element: <HomeRoute /> },
      { path: paths.sessionsEntry, element: <SessionsEntryRoute /> },
      { path: paths.usersEntry, element: <UsersEntryRoute /> },
      { path: paths.eventsEntry, element: <EventsEntryRoute /> },
      { path: paths.concernsEntry, element: <ConcernsEntryRoute /> },
      { path: paths.audit.pattern, element: <AuditRoute /> },
      { path: paths.realm.pattern, element: <Navigate to="sessions" replace /> },
      { path: paths.sessions.pattern, element: <SessionsRoute /> },
      { path: paths.users.pattern, element: <UsersRoute /> },
      { path: paths.user.pattern, element: <UserRoute /> },
      { path: paths.events.pattern, element: <EventsRoute /> },
      { path: paths.concerns.pattern, element: <ConcernsRoute /> },
      { path: paths.mySessions, element: <MySessionsRoute /> },
      { path: paths.connection, element: <ConnectionRoute /> },
      { path: '*', element: <NotFoundRoute /> },
    ],
  },
  {
    // Outside the shell on purpose: it must neither call /api/me nor send anyone to sign-in.
    path: paths.signedOut,
    element: <SignedOutRoute />,
    errorElement: <RouteErrorBoundary />,
  },
];

export function createAppRouter() {
  return createBrowserRouter(routes);
}
