import { createBrowserRouter, Navigate, type RouteObject } from 'react-router';
import { AppShell } from '@/components/layouts/app-shell';
import { AuditRoute } from './routes/audit';
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
    path: '/',
    element: <AppShell />,
    errorElement: <RouteErrorBoundary />,
    children: [
      { index: true, element: <HomeRoute /> },
      { path: 'sessions', element: <SessionsEntryRoute /> },
      { path: 'users', element: <UsersEntryRoute /> },
      { path: 'events', element: <EventsEntryRoute /> },
      { path: 'audit', element: <AuditRoute /> },
      { path: 'realms/:realm', element: <Navigate to="sessions" replace /> },
      { path: 'realms/:realm/sessions', element: <SessionsRoute /> },
      { path: 'realms/:realm/users', element: <UsersRoute /> },
      { path: 'realms/:realm/users/:userId', element: <UserRoute /> },
      { path: 'realms/:realm/events', element: <EventsRoute /> },
      { path: 'me/sessions', element: <MySessionsRoute /> },
      { path: 'connection', element: <ConnectionRoute /> },
      { path: '*', element: <NotFoundRoute /> },
    ],
  },
  {
    // Outside the shell on purpose: it must neither call /api/me nor send anyone to sign-in.
    path: '/signed-out',
    element: <SignedOutRoute />,
    errorElement: <RouteErrorBoundary />,
  },
];

export function createAppRouter() {
  return createBrowserRouter(routes);
}
