import { defineConfig } from 'vitest/config';

/**
 * The unit tests behind `npm run test:mutation` (StrykerJS): no Keycloak, no global setup. They cover
 * the modules where a silent bug is a security bug (see stryker.config.json). The audit store's own
 * suite (PostgreSQL and SQLite) is left out: audit-verify.test.ts covers verifyChain without a database,
 * and every static mutant re-runs the whole list.
 */
export default defineConfig({
  test: {
    include: [
      'src/policy/*.test.ts',
      'src/audit/audit-hash*.test.ts',
      'src/audit/audit-verify*.test.ts',
      'src/audit/audit-export*.test.ts',
      'src/auth/return-to*.test.ts',
      'src/http/csrf*.test.ts',
      'src/env*.test.ts',
    ],
    // The policy folder also holds the role matrix against a real Keycloak: not a unit test.
    exclude: ['**/node_modules/**', '**/*.integration.test.ts'],
    testTimeout: 30_000,
  },
});
