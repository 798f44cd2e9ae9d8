import { inject } from 'vitest';
import type session from 'express-session';
import request from 'supertest';
import pino from 'pino';
import { createApp } from '../app.js';
import { createMetricsApp } from '../observability/metrics-app.js';
import type { KeycloakGateway } from '../keycloak/admin-gateway.js';
import { buildConfig, type Config } from '../config.js';
import { parseEnv } from '../env.js';
import { EndedSessionsStore, MemoryEndedSessionMarks } from '../auth/ended-sessions.js';
import { MemorySessionStore } from '../auth/memory-session-store.js';
import { composeServices } from '../compose.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createAuditStore } from '../audit/create-audit-store.js';
import type { AuditStore } from '../audit/audit-store.js';
import type { JobStore } from '../session-jobs/job-store.js';
import { MemoryOperatorSessionIndex, type OperatorSessionIndex } from '../auth/operator-session-index.js';
import type { RateLimitStoreFactory } from '../http/rate-limits.js';
import type { SessionStoreHandle } from '../auth/session-store.js';

/**
 * Rate limits high enough that suites signing in and acting many times from 127.0.0.1 are not
 * throttled; the rate-limit tests set their own low limits.
 */
const GENEROUS_LIMITS = {
  RATE_LIMIT_SIGN_IN_PER_MINUTE: '10000',
  RATE_LIMIT_ANONYMOUS_PER_MINUTE: '10000',
  RATE_LIMIT_ACTIONS_PER_MINUTE: '10000',
  RATE_LIMIT_REFUSED_PER_MINUTE: '10000',
  RATE_LIMIT_JOBS_PER_HOUR: '10000',
  RATE_LIMIT_BACKCHANNEL_FAILURES_PER_MINUTE: '10000',
  // Suites that ask for fresh lists (SNAPSHOT_TTL_SECONDS=0) get them; the load ceiling has its own tests.
  SNAPSHOT_MAX_REBUILD_PERCENT: '100',
};

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
      // Loading the IP databases costs seconds of CPU; the suites about location turn it on.
      IP_LOCATION: 'off',
      ...GENEROUS_LIMITS,
      ...overrides,
    }),
  );
}

/**
 * The app in-process against the real Keycloak. The audit trail and the job store are fresh SQLite
 * files per app, or the given stores (e.g. PostgreSQL); a DATABASE_URL override alone puts jobs there.
 */
export function createTestApp(
  overrides: Record<string, string> = {},
  auditStore?: AuditStore,
  sessionStore?: session.Store | SessionStoreHandle,
  jobStore?: JobStore,
  shared: { operatorSessions?: OperatorSessionIndex; rateLimitStores?: RateLimitStoreFactory } = {},
) {
  // A store handle (memory or Redis) brings its back-channel index and rate-limit counters along.
  const handle = sessionStore && 'operatorSessions' in sessionStore ? sessionStore : undefined;
  const config = testConfig({ DATA_DIR: mkdtempSync(path.join(tmpdir(), 'sd-bff-test-')), ...overrides });
  const logger = pino({ level: 'silent' });
  const store = auditStore ?? createAuditStore({ dataDir: config.dataDir });
  const services = composeServices(config, logger, store, jobStore, { snapshotSharing: handle?.snapshotSharing });
  const sessions =
    handle?.store ??
    (sessionStore as session.Store | undefined) ??
    new EndedSessionsStore(new MemorySessionStore(config.session.idleMs), new MemoryEndedSessionMarks(), config.session.idleMs);
  const operatorSessions = shared.operatorSessions ?? handle?.operatorSessions ?? new MemoryOperatorSessionIndex();
  const rateLimitStores = shared.rateLimitStores ?? handle?.rateLimitStores;
  const app = createApp({ config, logger, sessionStore: sessions, ...services, operatorSessions, rateLimitStores });
  return { app, config, ...services, sessionStore: sessions, operatorSessions, agent: () => request.agent(app) };
}

/** How many console sessions `store` holds now. */
export function storedSessionCount(store: session.Store): Promise<number> {
  return new Promise((resolve, reject) => store.length?.((err, length) => (err ? reject(err) : resolve(length ?? 0))) ?? resolve(0));
}

/** The Keycloak session ids behind the console sessions an in-process app holds. */
export function keycloakSessionsOf(store: session.Store): Promise<string[]> {
  return new Promise((resolve, reject) =>
    store.all?.((err, sessions) =>
      err ? reject(err) : resolve(Object.values(sessions ?? {}).flatMap((data) => (data.keycloakSessionId ? [data.keycloakSessionId] : []))),
    ),
  );
}

/** What each readiness check found, as the metrics port (or an admin) sees it; the anonymous /readyz says only ready or not. */
export function readinessDetail(test: { keycloak: { readiness: KeycloakGateway['readiness'] } }) {
  return request(createMetricsApp(() => test.keycloak.readiness())).get('/readyz');
}
