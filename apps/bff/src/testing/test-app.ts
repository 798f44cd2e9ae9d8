import { inject } from 'vitest';
import type session from 'express-session';
import request from 'supertest';
import pino from 'pino';
import { createApp } from '../app.js';
import { buildConfig, type Config } from '../config.js';
import { parseEnv } from '../env.js';
import { MemorySessionStore } from '../auth/memory-session-store.js';
import { composeServices } from '../compose.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createAuditStore } from '../audit/create-audit-store.js';
import type { AuditStore } from '../audit/audit-store.js';
import type { JobStore } from '../sessions/job-store.js';

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

/**
 * The app in-process against the real Keycloak. The audit trail and the job store are fresh SQLite
 * files per app, or the given stores (e.g. PostgreSQL); a DATABASE_URL override alone puts jobs there.
 */
export function createTestApp(overrides: Record<string, string> = {}, auditStore?: AuditStore, sessionStore?: session.Store, jobStore?: JobStore) {
  const config = testConfig({ DATA_DIR: mkdtempSync(path.join(tmpdir(), 'sd-bff-test-')), ...overrides });
  const logger = pino({ level: 'silent' });
  const store = auditStore ?? createAuditStore({ dataDir: config.dataDir });
  const services = composeServices(config, logger, store, jobStore);
  const sessions = sessionStore ?? new MemorySessionStore(config.session.idleMs);
  const app = createApp({ config, logger, sessionStore: sessions, ...services });
  return { app, config, ...services, sessionStore: sessions, agent: () => request.agent(app) };
}

/** The Keycloak session ids behind the console sessions an in-process app holds. */
export function keycloakSessionsOf(store: session.Store): Promise<string[]> {
  return new Promise((resolve, reject) =>
    store.all?.((err, sessions) =>
      err ? reject(err) : resolve(Object.values(sessions ?? {}).flatMap((data) => (data.keycloakSessionId ? [data.keycloakSessionId] : []))),
    ),
  );
}
