import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

// Vitest globals are off, so Testing Library cannot register its own cleanup.
afterEach(async () => {
  cleanup();
  // Imported lazily: a static import here would load the app's modules before a test file's
  // vi.mock(...) calls are registered, and those mocks would then not apply to them.
  const { resetSignInRedirect } = await import('@/lib/sign-in-redirect');
  resetSignInRedirect();
  window.history.replaceState(null, '', '/');
});
