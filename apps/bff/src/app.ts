import express, { Router, type Express } from 'express';
import type session from 'express-session';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { requireOperator } from './auth/require-operator.js';
import { OperatorRecheck } from './auth/operator-recheck.js';
import { backchannelLogoutRoutes } from './auth/backchannel-logout.js';
import { LoginStateCookie } from './auth/login-state.js';
import type { OperatorSessionIndex } from './auth/operator-session-index.js';
import { createRateLimits, memoryRateLimitStores, type RateLimitStoreFactory } from './http/rate-limits.js';
import type { LogoutTokenVerifier } from './keycloak/logout-token.js';
import { sessionMiddleware } from './auth/session-middleware.js';
import { csrfProtection } from './http/csrf.js';
import { errorHandler, notFoundHandler } from './http/error-handler.js';
import { requireHost } from './http/require-host.js';
import { jsonBody } from './http/json-body.js';
import { securityHeaders } from './http/security-headers.js';
import { spaRoutes } from './http/spa.js';
import type { KeycloakGateway } from './keycloak/admin-gateway.js';
import type { OidcProvider } from './keycloak/oidc-provider.js';
import { httpLogger } from './logger.js';
import { measureRequests } from './observability/metrics-app.js';
import { authRoutes, signInRateLimit } from './auth/auth-routes.js';
import { meRoutes } from './auth/me-routes.js';
import { adminHealthRoutes, healthRoutes, sharedReadiness } from './health/health-routes.js';
import { connectionPageChecks } from './connection/connection-check.js';
import { connectionRoutes } from './connection/connection-routes.js';
import type { IpLocationInfo } from '@session-desk/contracts';
import { ipLocationRoutes } from './geo/ip-location-routes.js';
import type { KeycloakEvents } from './keycloak/events-api.js';
import { endpointPolicy } from './policy/endpoint-policy.js';
import { realmsRoutes } from './realms/realms-routes.js';
import { sessionsRoutes } from './sessions/sessions-routes.js';
import type { SessionsService } from './sessions/sessions-service.js';
import { usersRoutes } from './users/users-routes.js';
import type { UsersService } from './users/users-service.js';
import { realmActionsRoutes } from './realm-actions/realm-actions-routes.js';
import type { RealmActionsService } from './realm-actions/realm-actions-service.js';
import { mySessionsRoutes } from './my-sessions/my-sessions-routes.js';
import type { MySessionsService } from './my-sessions/my-sessions-service.js';
import { sessionJobRoutes, sessionJobStartRoutes } from './session-jobs/session-jobs-routes.js';
import type { BulkJobs } from './session-jobs/session-jobs-service.js';
import { eventsRoutes } from './events/events-routes.js';
import { auditRoutes } from './audit/audit-routes.js';
import type { AuditStore } from './audit/audit-store.js';
import { concernsRoutes } from './concerns/concerns-routes.js';
import type { ConcernsService } from './concerns/concerns-service.js';

export interface AppDependencies {
  config: Config;
  logger: Logger;
  oidc: OidcProvider;
  keycloak: KeycloakGateway;
  sessionStore: session.Store;
  sessionsService: SessionsService;
  usersService: UsersService;
  realmActions: RealmActionsService;
  mySessions: MySessionsService;
  /** Which IP databases locate sessions (shown to admins). */
  ipLocation: IpLocationInfo;
  events: KeycloakEvents;
  auditStore: AuditStore;
  jobs: BulkJobs;
  concerns: ConcernsService;
  logoutTokens: LogoutTokenVerifier;
  /** Console sessions by Keycloak `sid`/`sub`, in the same place as the session store (memory or Redis). */
  operatorSessions: OperatorSessionIndex;
  /** Rate-limit counters: in memory by default, in Redis when REDIS_URL is set. */
  rateLimitStores?: RateLimitStoreFactory;
}

/** Builds the Express app; server.ts listens, tests drive it in-process. */
export function createApp(deps: AppDependencies): Express {
  const { config, logger, oidc, keycloak, sessionStore, events, auditStore, jobs, logoutTokens, operatorSessions, ipLocation } = deps;
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  if (config.trustProxy !== undefined) app.set('trust proxy', config.trustProxy);

  app.use(measureRequests);
  app.use(httpLogger(logger));
  app.use(securityHeaders(config.secureCookies));
  app.use(requireHost);
  const limits = createRateLimits(config, deps.rateLimitStores ?? memoryRateLimitStores);
  const readiness = sharedReadiness(keycloak, config.keycloak.readinessTimeoutMs);
  app.use(healthRoutes(readiness, limits.anonymous));

  const sessions = sessionMiddleware(config, sessionStore);
  const csrf = csrfProtection(config.publicUrl.origin);
  const loginState = new LoginStateCookie({ secure: config.secureCookies, secret: config.session.secret });

  const auth = Router();
  // Keycloak calls this server to server: no console session, no anti-forgery header; the token's signature is the proof.
  auth.use(backchannelLogoutRoutes(logoutTokens, operatorSessions, sessionStore, limits.backchannelFailures));
  auth.use(['/login', '/callback'], signInRateLimit(limits.signIn));
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
  api.use(sessions, limits.anonymous, requireOperator(new OperatorRecheck(keycloak, config.oidc.clientId), { recheckMs: config.operatorRecheckMs }));
  api.use(csrf, limits.actions, limits.refused);
  const policy = endpointPolicy(config.keycloak.managedRealms);
  // Ahead of the API's body parser: this route brings its own (larger) body limit.
  api.use('/realms', sessionJobStartRoutes(jobs, policy, { bodyLimitBytes: config.jobBodyLimitBytes, rateLimit: limits.jobs }));
  api.use(...jsonBody(config.bodyLimitBytes));
  api.use('/admin', adminHealthRoutes(readiness, policy), connectionRoutes(connectionPageChecks(config), policy), ipLocationRoutes(ipLocation, policy));
  api.use('/me/sessions', mySessionsRoutes(deps.mySessions, policy));
  api.use('/me', meRoutes(config));
  api.use('/realms', realmsRoutes(config.keycloak.managedRealms, config.keycloak.managedRealms[0] ?? config.keycloak.realm));
  api.use('/realms', sessionsRoutes(deps.sessionsService, policy), usersRoutes(deps.usersService, policy));
  api.use('/realms', realmActionsRoutes(deps.realmActions, policy), eventsRoutes(events, policy), concernsRoutes(deps.concerns, policy));
  api.use('/session-jobs', sessionJobRoutes(jobs, policy));
  api.use('/audit', auditRoutes(auditStore, policy));
  api.use(notFoundHandler);
  app.use('/api', api);

  if (config.web.serve) app.use(spaRoutes(config.web.distDir));
  // Any method the console has no answer for, anywhere (TRACE /, SEARCH /x, a POST to a page): JSON,
  // not finalhandler's HTML page.
  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}
