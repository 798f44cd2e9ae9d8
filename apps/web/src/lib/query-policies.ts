/**
 * For a check the operator asks for (it costs the server real work): it runs when its page opens
 * or on request, never again behind the operator's back, and a failure is shown rather than retried.
 */
export const onRequestOnly = { staleTime: Infinity, refetchOnWindowFocus: false, retry: false } as const;
