import { createBrowserRouter, type RouteObject } from 'react-router';
import { AppShell } from '@/components/layouts/app-shell';
import { HomeRoute } from './routes/home';
import { NotFoundRoute } from './routes/not-found';
import { RouteErrorBoundary } from './routes/route-error';
import { SignedOutRoute } from './routes/signed-out';

export const routes: RouteObject[] = [
  {
    // Everything inside the shell needs a signed-in operator.
    path: '/',
    element: <AppShell />,
    errorElement: <RouteErrorBoundary />,
    children: [
      { index: true, element: <HomeRoute /> },
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
