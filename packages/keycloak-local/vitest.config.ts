import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // The integration test may have to download, build and start Keycloak in its beforeAll.
    testTimeout: 60_000,
    hookTimeout: 240_000,
  },
});
