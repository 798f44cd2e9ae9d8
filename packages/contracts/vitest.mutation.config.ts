import { defineConfig } from 'vitest/config';

/** The unit tests behind the contracts' mutation run (StrykerJS, stryker.config.json): the role-grant table's specification. */
export default defineConfig({
  test: {
    include: ['src/roles.test.ts'],
    testTimeout: 30_000,
  },
});
