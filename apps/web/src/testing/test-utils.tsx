import type { QueryClient } from '@tanstack/react-query';
import { act, render, type RenderResult } from '@testing-library/react';
import type { ReactElement, ReactNode } from 'react';
import { useLocation } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import { AppProvider, createQueryClient } from '@/app/provider';
import { AppRoutes } from '@/app/router';
import { AppRouter, appLocation, type AppLocation } from '@/lib/router';

/** The app's real query defaults, minus the back-off wait so retry tests stay fast. */
export function createTestQueryClient(): QueryClient {
  return createQueryClient({ queries: { retryDelay: 0 } });
}

/** The in-memory URL a test renders at (wouter's memoryLocation), to read and move. */
export interface MemoryUrl {
  /** As `location.pathname` has it. */
  readonly pathname: string;
  /** As `location.search` has it: `?…`, or '' without one. */
  readonly search: string;
  /** Every URL visited (a replace overwrites the last). */
  readonly history: readonly string[];
  navigate: (to: string) => Promise<void>;
}

/** A router location kept in memory, starting at `path`. */
export function memoryUrl(path = '/'): { location: AppLocation; url: MemoryUrl } {
  const memory = memoryLocation({ path, record: true });
  const current = () => memory.history.at(-1) ?? path;
  const location = appLocation(memory.hook, memory.searchHook, function useMemoryState() {
    useLocation(); // read again after each navigation
    return memory.state;
  });
  const url: MemoryUrl = {
    get pathname() {
      return current().split('?')[0] ?? '';
    },
    get search() {
      const search = current().split('?')[1];
      return search ? `?${search}` : '';
    },
    history: memory.history,
    navigate: (to) =>
      act(async () => {
        memory.navigate(to);
      }),
  };
  return { location, url };
}

export interface RenderAppResult extends RenderResult {
  url: MemoryUrl;
  queryClient: QueryClient;
}

/**
 * Renders the real route tree (or custom routes) at `path` with the real providers. The jsdom URL
 * is moved to `path` too, so code that reads `window.location` agrees with the router.
 */
export function renderApp(path = '/', options: { routes?: ReactNode; queryClient?: QueryClient } = {}): RenderAppResult {
  window.history.replaceState(null, '', path);
  const queryClient = options.queryClient ?? createTestQueryClient();
  const { location, url } = memoryUrl(path);
  const result = render(
    <AppProvider queryClient={queryClient}>
      <AppRouter location={location}>{options.routes ?? <AppRoutes />}</AppRouter>
    </AppProvider>,
  );
  return { ...result, url, queryClient };
}

/** Renders a component with providers (no routes needed). */
export function renderWithProviders(ui: ReactElement, queryClient: QueryClient = createTestQueryClient()) {
  function Wrapper({ children }: { children: ReactNode }) {
    return <AppProvider queryClient={queryClient}>{children}</AppProvider>;
  }
  return { ...render(ui, { wrapper: Wrapper }), queryClient };
}
