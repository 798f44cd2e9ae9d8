import type { QueryClient } from '@tanstack/react-query';
import { render, type RenderResult } from '@testing-library/react';
import type { ReactElement, ReactNode } from 'react';
import { createMemoryRouter, RouterProvider, type RouteObject } from 'react-router';
import { AppProvider, createQueryClient } from '@/app/provider';
import { routes as appRoutes } from '@/app/router';

/** The app's real query defaults, minus the back-off wait so retry tests stay fast. */
export function createTestQueryClient(): QueryClient {
  return createQueryClient({ queries: { retryDelay: 0 } });
}

export interface RenderAppResult extends RenderResult {
  router: ReturnType<typeof createMemoryRouter>;
  queryClient: QueryClient;
}

/**
 * Renders the real route tree (or custom routes) at `path` with the real providers. The jsdom URL
 * is moved to `path` too, so code that reads `window.location` agrees with the router.
 */
export function renderApp(
  path = '/',
  options: { routes?: RouteObject[]; queryClient?: QueryClient } = {},
): RenderAppResult {
  window.history.replaceState(null, '', path);
  const queryClient = options.queryClient ?? createTestQueryClient();
  const router = createMemoryRouter(options.routes ?? appRoutes, { initialEntries: [path] });
  const result = render(
    <AppProvider queryClient={queryClient}>
      <RouterProvider router={router} />
    </AppProvider>,
  );
  return { ...result, router, queryClient };
}

/** Renders a component with providers (no routes needed). */
export function renderWithProviders(ui: ReactElement, queryClient: QueryClient = createTestQueryClient()) {
  function Wrapper({ children }: { children: ReactNode }) {
    return <AppProvider queryClient={queryClient}>{children}</AppProvider>;
  }
  return { ...render(ui, { wrapper: Wrapper }), queryClient };
}
