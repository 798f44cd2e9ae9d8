import { inject } from 'vitest';
import request from 'supertest';
import pino from 'pino';
import { createApp } from '../app.js';
import { buildConfig, type Config } from '../config.js';
import { parseEnv } from '../env.js';
import { MemorySessionStore } from '../auth/memory-session-store.js';
import { composeServices } from '../compose.js';
import { logActionRecorder } from '../sessions/log-action-recorder.js';

/** The port registered for tests in the demo realm's redirect URIs; the app itself runs in-process. */
export const TEST_PUBLIC_URL = 'http://localhost:3100';

export function testConfig(overrides: Record<string, string> = {}): Config {
  return buildConfig(
    parseEnv({
      NODE_ENV: 'test',
      PUBLIC_URL: TEST_PUBLIC_URL,
      KEYCLOAK_URL: inject('keycloakUrl'),
      LOG_LEVEL: 'silent',
      SERVE_SPA: 'false',
      ...overrides,
    }),
  );
}

export function createTestApp(overrides: Record<string, string> = {}) {
  const config = testConfig(overrides);
  const logger = pino({ level: 'silent' });
  const services = composeServices(config, logger, logActionRecorder(logger));
  const sessionStore = new MemorySessionStore(config.session.idleMs);
  const app = createApp({ config, logger, sessionStore, ...services });
  return { app, config, ...services, sessionStore, agent: () => request.agent(app) };
}
