import express, { Router, type Express } from 'express';
import type session from 'express-session';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { requireOperator } from './auth/require-operator.js';
import { backchannelLogoutRoutes } from './auth/backchannel-logout.js';
import { LoginStateCookie } from './auth/login-state.js';
import type { OperatorSessionIndex } from './auth/operator-session-index.js';
import { createRateLimits, memoryRateLimitStores, type RateLimitStoreFactory } from './http/rate-limits.js';
import type { LogoutTokenVerifier } from './keycloak/logout-token.js';
import { sessionMiddleware } from './auth/session-middleware.js';
import { csrfProtection } from './http/csrf.js';
import { errorHandler, notFoundHandler } from './http/error-handler.js';
import { jsonBody } from './http/json-body.js';
import { securityHeaders } from './http/security-headers.js';
import { spaRoutes } from './http/spa.js';
import type { KeycloakGateway } from './keycloak/admin-gateway.js';
import type { OidcProvider } from './keycloak/oidc-provider.js';
import { httpLogger } from './logger.js';
import { measureRequests } from './observability/metrics-app.js';
import { authRoutes } from './routes/auth.js';
import { adminHealthRoutes, healthRoutes, sharedReadiness } from './routes/health.js';
import { connectionPageChecks } from './connection/connection-check.js';
import { connectionRoutes } from './connection/connection-routes.js';
import { meRoutes } from './routes/me.js';
import { mySessionRoutes } from './routes/my-sessions.js';
import { realmRoutes } from './routes/realms.js';
import type { SessionDesk } from './sessions/session-desk.js';
import type { KeycloakEvents } from './keycloak/events-api.js';
import { eventRoutes } from './routes/events.js';
import { auditRoutes } from './routes/audit.js';
import { jobRoutes, jobStartRoutes } from './routes/jobs.js';
import type { BulkJobs } from './sessions/bulk-jobs.js';
import type { AuditStore } from './audit/audit-store.js';

export interface AppDependencies {
  config: Config;
  logger: Logger;
  oidc: OidcProvider;
  keycloak: KeycloakGateway;
  sessionStore: session.Store;
  desk: SessionDesk;
  events: KeycloakEvents;
  auditStore: AuditStore;
  jobs: BulkJobs;
  logoutTokens: LogoutTokenVerifier;
  /** Console sessions by Keycloak `sid`/`sub`, in the same place as the session store (memory or Redis). */
  operatorSessions: OperatorSessionIndex;
  /** Rate-limit counters: in memory by default, in Redis when REDIS_URL is set. */
  rateLimitStores?: RateLimitStoreFactory;
}

/** Builds the Express app; server.ts listens, tests drive it in-process. */
export function createApp(deps: AppDependencies): Express {
  const { config, logger, oidc, keycloak, sessionStore, desk, events, auditStore, jobs, logoutTokens, operatorSessions } = deps;
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  if (config.trustProxy !== undefined) app.set('trust proxy', config.trustProxy);

  app.use(measureRequests);
  app.use(httpLogger(logger));
  app.use(securityHeaders(config.secureCookies));
  const limits = createRateLimits(config, deps.rateLimitStores ?? memoryRateLimitStores);
  const readiness = sharedReadiness(keycloak);
  app.use(healthRoutes(readiness, limits.anonymous));

  const sessions = sessionMiddleware(config, sessionStore);
  const csrf = csrfProtection(config.publicUrl.origin);
  const loginState = new LoginStateCookie({ secure: config.secureCookies, secret: config.session.secret });

  const auth = Router();
  // Keycloak calls this server to server: no console session, no anti-forgery header; the token's signature is the proof.
  auth.use(backchannelLogoutRoutes(logoutTokens, operatorSessions, sessionStore, limits.backchannelFailures));
  auth.use(['/login', '/callback'], limits.signIn);
  auth.use(sessions, csrf);
  auth.use(authRoutes({ config, oidc, keycloak, loginState, operatorSessions }));
  auth.use(notFoundHandler);
  app.use('/auth', auth);

  const api = Router();
  api.use((_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });
  // The operator is known (and re-checked with Keycloak) before any body is read.
  api.use(sessions, limits.anonymous, requireOperator(keycloak, { recheckMs: config.operatorRecheckMs, clientId: config.oidc.clientId }));
  api.use(csrf, limits.actions, limits.refused);
  api.post('/realms/:realm/session-jobs', limits.jobs);
  // Only a bulk job may be large: 10,000 session ids are about 510 KB of JSON.
  api.use(...jsonBody(config.bodyLimitBytes, { paths: /^\/realms\/[^/]+\/session-jobs$/, limitBytes: config.jobBodyLimitBytes }));
  api.use('/admin', adminHealthRoutes(readiness, config.keycloak.managedRealms), connectionRoutes(connectionPageChecks(config), config.keycloak.managedRealms));
  api.use('/me/sessions', mySessionRoutes(desk));
  api.use('/me', meRoutes(config));
  api.use('/realms', realmRoutes(desk), jobStartRoutes(jobs), eventRoutes(events, config.keycloak.managedRealms));
  api.use('/session-jobs', jobRoutes(jobs));
  api.use('/audit', auditRoutes(auditStore, config.keycloak.managedRealms));
  api.use(notFoundHandler);
  app.use('/api', api);

  if (config.web.serve) app.use(spaRoutes(config.web.distDir));
  app.use(errorHandler);
  return app;
}
