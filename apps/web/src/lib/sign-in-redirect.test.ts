import { beforeEach, describe, expect, it, vi } from 'vitest';
import type * as BrowserLocation from './browser-location';
import { assignLocation, currentPathAndSearch } from './browser-location';
import { holdSignInRedirects, markSignedIn, redirectToSignIn, resetSignInRedirect } from './sign-in-redirect';

vi.mock('./browser-location', async (importOriginal) => ({
  ...(await importOriginal<typeof BrowserLocation>()),
  assignLocation: vi.fn(),
  currentPathAndSearch: vi.fn(() => '/realms/demo/sessions?q=ann'),
}));

beforeEach(() => {
  vi.mocked(assignLocation).mockClear();
  vi.mocked(currentPathAndSearch).mockReturnValue('/realms/demo/sessions?q=ann');
  resetSignInRedirect();
});

describe('redirectToSignIn', () => {
  it('goes to sign-in once, with the page to return to', () => {
    redirectToSignIn();
    redirectToSignIn();
    expect(assignLocation).toHaveBeenCalledTimes(1);
    expect(assignLocation).toHaveBeenCalledWith('/auth/login?returnTo=%2Frealms%2Fdemo%2Fsessions%3Fq%3Dann');
  });

  it('waits while a sign-out holds redirects, and goes again once it is released', () => {
    const release = holdSignInRedirects();
    redirectToSignIn();
    expect(assignLocation).not.toHaveBeenCalled();
    release();
    release();
    redirectToSignIn();
    expect(assignLocation).toHaveBeenCalledTimes(1);
  });

  it('stays on the signed-out page: signing in again is the operator’s choice there', () => {
    vi.mocked(currentPathAndSearch).mockReturnValue('/signed-out');
    redirectToSignIn('/');
    expect(assignLocation).not.toHaveBeenCalled();
  });
});

describe('redirectToSignIn once this page had a signed-in operator', () => {
  it('explains that the session ended, with the page to return to, instead of going straight to Keycloak', () => {
    markSignedIn();
    redirectToSignIn();
    expect(assignLocation).toHaveBeenCalledTimes(1);
    expect(assignLocation).toHaveBeenCalledWith('/signed-out?reason=session-ended&returnTo=%2Frealms%2Fdemo%2Fsessions%3Fq%3Dann');
  });

  it('goes straight to sign-in when no answer ever said the operator was signed in', () => {
    redirectToSignIn('/realms/demo/users');
    expect(assignLocation).toHaveBeenCalledWith('/auth/login?returnTo=%2Frealms%2Fdemo%2Fusers');
  });
});
