import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// A generous bound for findBy/waitFor: on a loaded 2-core CI machine a first render can take
// seconds. It bounds waiting for a condition; it asserts no speed.
configure({ asyncUtilTimeout: 10_000 });

// jsdom lays nothing out, so nothing scrolls: its own scrollTo only reports "not implemented".
window.scrollTo = (() => undefined) as typeof window.scrollTo;

// Vitest globals are off, so Testing Library cannot register its own cleanup.
afterEach(async () => {
  cleanup();
  // Imported lazily: a static import here would load the app's modules before a test file's
  // vi.mock(...) calls are registered, and those mocks would then not apply to them.
  const { resetSignInRedirect } = await import('@/lib/sign-in-redirect');
  resetSignInRedirect();
  window.history.replaceState(null, '', '/');
});
