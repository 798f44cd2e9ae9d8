import type { LogoutResponse } from '@session-desk/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { api, isUnauthenticatedError } from '@/lib/api-client';
import { assignLocation } from '@/lib/browser-location';
import { useNavigate } from '@/lib/router';
import { holdSignInRedirects } from '@/lib/sign-in-redirect';
import { paths } from '@/config/paths';

export const SIGNED_OUT_PATH = paths.signedOut;

/** Passed as the navigation's state to the signed-out page. */
export interface SignedOutState {
  keycloakSessionEnded: boolean;
  /** What the action that signed the operator out did (e.g. everyone in their realm signed out), shown on the page. */
  afterAction?: { title: string; description: string | null };
}

/**
 * POST /auth/logout (with the CSRF header, like every non-GET call). A 401 means the session had
 * already ended, which for the operator is the same outcome, so it is not sent to sign-in. (A 401
 * on any other request meanwhile is held off by `useSignOut`: see `holdSignInRedirects`.)
 */
export async function signOut(): Promise<LogoutResponse> {
  try {
    return await api.post<LogoutResponse>('/auth/logout', {}, { redirectOnUnauthenticated: false });
  } catch (error) {
    if (isUnauthenticatedError(error)) return { redirectTo: SIGNED_OUT_PATH, keycloakSessionEnded: false };
    throw error;
  }
}

type Destination = { kind: 'spa'; path: string } | { kind: 'document'; url: string };

/** Where `redirectTo` should take the browser: an SPA route, or a full page load (BFF path / other origin). */
export function resolveRedirect(redirectTo: string): Destination {
  const isRelativePath = redirectTo.startsWith('/') && !redirectTo.startsWith('//') && !redirectTo.startsWith('/\\');
  if (isRelativePath) {
    const isServerPath = /^\/(api|auth)(\/|\?|$)/.test(redirectTo);
    return isServerPath ? { kind: 'document', url: redirectTo } : { kind: 'spa', path: redirectTo };
  }
  try {
    const url = new URL(redirectTo);
    if (url.protocol === 'https:' || url.protocol === 'http:') return { kind: 'document', url: url.href };
  } catch {
    // not a URL: fall through
  }
  return { kind: 'spa', path: SIGNED_OUT_PATH };
}

export function useSignOut() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const release = useRef<() => void>(undefined);
  return useMutation({
    mutationFn: () => {
      release.current = holdSignInRedirects();
      return signOut();
    },
    // After onSuccess has left the shell (or the page), or after a failure: 401s send to sign-in again.
    onSettled: () => release.current?.(),
    onSuccess: ({ redirectTo, keycloakSessionEnded }) => {
      const destination = resolveRedirect(redirectTo);
      if (destination.kind === 'document') {
        queryClient.clear();
        assignLocation(destination.url);
        return;
      }
      const state: SignedOutState = { keycloakSessionEnded };
      // Navigate first, then drop the cache: the next render no longer shows the authenticated
      // shell, which, rendered after the clear, would fetch /api/me again and bounce to sign-in.
      navigate(destination.path, { replace: true, state });
      queryClient.clear();
    },
  });
}
