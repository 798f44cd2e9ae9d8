import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';

const keycloakPort = process.env.SD_TEST_KEYCLOAK_PORT ?? '8180';
export const consoleUrl = 'http://localhost:3100';

/**
 * Browser tests drive Debian's Chromium against the built SPA served by the BFF on :3100 and the
 * project's real `test` Keycloak (started by `npm test`, see scripts/test.ts).
 */
export default defineConfig({
  testDir: './e2e',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL: consoleUrl,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    command: 'node --max-semi-space-size=4 apps/bff/dist/server.js',
    url: `${consoleUrl}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: {
      PORT: '3100',
      HOST: '127.0.0.1',
      PUBLIC_URL: consoleUrl,
      KEYCLOAK_URL: `http://localhost:${keycloakPort}`,
      LOG_LEVEL: process.env.SD_E2E_LOG_LEVEL ?? 'warn',
      NODE_ENV: 'test',
      // As `npm start` runs it (bench/README.md, "Memory").
      MALLOC_ARENA_MAX: '2',
      // A fresh audit trail per run, so runs never see each other's records.
      DATA_DIR: mkdtempSync(path.join(tmpdir(), 'sd-e2e-')),
      METRICS_PORT: '0',
      // One browser suite signs in dozens of times a minute from 127.0.0.1; the limits themselves are tested in the BFF.
      RATE_LIMIT_SIGN_IN_PER_MINUTE: '1000',
      RATE_LIMIT_ANONYMOUS_PER_MINUTE: '1000',
      RATE_LIMIT_ACTIONS_PER_MINUTE: '1000',
    },
  },
});
