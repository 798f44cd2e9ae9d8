import { QueryClient, QueryClientProvider, type DefaultOptions } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { ToastProvider } from '@/components/ui/toast';
import { clientErrorCodes, isApiClientError } from '@/lib/api-client';

const MAX_RETRIES = 2;

/**
 * Retry only what can heal by itself: network failures and 5xx (Keycloak slow or briefly down).
 * A 4xx is an answer, not an accident (401 is handled by the sign-in redirect), and a malformed
 * answer will be just as malformed the second time.
 */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (failureCount >= MAX_RETRIES) return false;
  if (!isApiClientError(error)) return false;
  if (error.code === clientErrorCodes.invalidResponse) return false;
  return error.status === 0 || error.status >= 500;
}

export const queryDefaults: DefaultOptions = {
  queries: {
    retry: shouldRetry,
    retryDelay: (attempt) => Math.min(1_000 * 2 ** attempt, 8_000),
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
