import { QueryClient, QueryClientProvider, type DefaultOptions } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { ToastProvider } from '@/components/ui/toast';
import { clientErrorCodes, isApiClientError } from '@/lib/api-client';
import { isSnapshotBuilding } from '@/lib/describe-error';

const MAX_RETRIES = 2;
/** A realm's first snapshot may take minutes to read (100,000 sessions): asked again every 5 s for up to 10 minutes. */
const FIRST_BUILD_RETRIES = 120;
const FIRST_BUILD_RETRY_MS = 5_000;

/**
 * Retry only what can heal by itself: network failures and 5xx (Keycloak slow or briefly down).
 * A 4xx is an answer, not an accident (401 is handled by the sign-in redirect), and a malformed
 * answer will be just as malformed the second time.
 */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (isSnapshotBuilding(error)) return failureCount < FIRST_BUILD_RETRIES;
  if (failureCount >= MAX_RETRIES) return false;
  if (!isApiClientError(error)) return false;
  if (error.code === clientErrorCodes.invalidResponse) return false;
  return error.status === 0 || error.status >= 500;
}

export const queryDefaults: DefaultOptions = {
  queries: {
    retry: shouldRetry,
    retryDelay: (attempt, error) => (isSnapshotBuilding(error) ? FIRST_BUILD_RETRY_MS : Math.min(1_000 * 2 ** attempt, 8_000)),
    staleTime: 30_000,
    refetchOnWindowFocus: true,
  },
  // Mutations end sessions: never repeat them behind the operator's back.
  mutations: { retry: false },
};

export function createQueryClient(overrides: DefaultOptions = {}): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { ...queryDefaults.queries, ...overrides.queries },
      mutations: { ...queryDefaults.mutations, ...overrides.mutations },
    },
  });
}

export function AppProvider({ children, queryClient }: { children: ReactNode; queryClient?: QueryClient }) {
  const [client] = useState(() => queryClient ?? createQueryClient());
  return (
    <QueryClientProvider client={client}>
      <ToastProvider>{children}</ToastProvider>
    </QueryClientProvider>
  );
}
