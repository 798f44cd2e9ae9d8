import { vi } from 'vitest';
import type { createTestApp } from './test-app.js';

/**
 * Holds every session delete of `test` until `release()` is called, then lets each go to Keycloak:
 * a bulk job started now is surely still running when the test acts on it.
 */
export function holdSessionDeletes(test: ReturnType<typeof createTestApp>): { release: () => void } {
  let release = () => undefined as void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const deleteSession = test.sessions.deleteSession.bind(test.sessions);
  vi.spyOn(test.sessions, 'deleteSession').mockImplementation(async (...args: Parameters<typeof deleteSession>) => {
    await gate;
    return deleteSession(...args);
  });
  return { release: () => release() };
}
