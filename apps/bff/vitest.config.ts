import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    globalSetup: ['./src/testing/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 240_000,
    // Integration files share one real Keycloak; keep them from overloading it on a 2-core machine.
    maxWorkers: 2,
  },
});
