import type { Logger } from 'pino';
import type { Config } from './config.js';
import { KeycloakGateway } from './keycloak/admin-gateway.js';
import { OidcProvider } from './keycloak/oidc-provider.js';
import { KeycloakEvents } from './keycloak/events-api.js';
import { KeycloakSessions } from './keycloak/sessions-api.js';
import { LogoutTokenVerifier } from './keycloak/logout-token.js';
import { AuditTrail } from './audit/audit-trail.js';
import type { AuditStore } from './audit/audit-store.js';
import { ActionRunner } from './actions/action-runner.js';
import { RealmSnapshots } from './sessions/realm-snapshots.js';
import { SessionsService } from './sessions/sessions-service.js';
import { UsersService } from './users/users-service.js';
import { RealmActionsService } from './realm-actions/realm-actions-service.js';
import { MySessionsService } from './my-sessions/my-sessions-service.js';
import { BulkJobs } from './session-jobs/session-jobs-service.js';
import { createJobStore } from './session-jobs/create-job-store.js';
import type { JobStore } from './session-jobs/job-store.js';
import { IP_LOCATION_OFF, loadIpLocator } from './geo/load-ip-locator.js';
import type { SnapshotSharing } from './sessions/snapshot-sharing.js';
import { ConcernsService } from './concerns/concerns-service.js';
import { createConcernStore } from './concerns/create-concern-store.js';

/**
 * Wires the services from the configuration (shared by server.ts and the tests). `shared.snapshotSharing`:
 * how instances sharing a store split snapshot builds (the session store handle brings it).
 * @throws IpLocationError when IP location is on and its databases cannot be loaded.
 */
export function composeServices(
  config: Config,
  logger: Logger,
  auditStore: AuditStore,
  jobStore: JobStore = createJobStore({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    staleMs: config.bulk.staleMs,
    onPoolError: (err) => logger.warn({ err }, 'job database pool error'),
  }),
  shared: { snapshotSharing?: SnapshotSharing } = {},
) {
  const oidc = new OidcProvider(config);
  const keycloak = new KeycloakGateway(config, oidc);
  const locator = config.ipLocation.enabled ? loadIpLocator(config.ipLocation) : undefined;
  const locate = locator ? (ipAddress: string) => locator.locate(ipAddress) : undefined;
  const sessions = new KeycloakSessions(keycloak, { consoleClientId: config.oidc.clientId, operatorRealm: config.keycloak.realm, locate });
  const snapshots = new RealmSnapshots(sessions, {
    ttlMs: config.keycloak.snapshotTtlMs,
    minRebuildMs: config.snapshotMinRebuildMs,
    maxRebuildShare: config.snapshotMaxRebuildShare,
    firstBuildWaitMs: config.snapshotFirstWaitMs,
    sharing: shared.snapshotSharing,
    onBackgroundError: (err, realm) => logger.warn({ err, realm }, 'background snapshot rebuild failed; the older snapshot is still served'),
    locate,
  });
  const trail = new AuditTrail(auditStore, {
    onUnrecorded: (err, attempt) => logger.error({ err, seq: attempt.seq }, 'audit outcome not recorded'),
  });
  const actions = new ActionRunner(sessions, trail, { managedRealms: config.keycloak.managedRealms, serviceClientId: config.service.clientId });
  const features = { keycloak: sessions, snapshots, actions };
  const sessionsService = new SessionsService(features);
  const usersService = new UsersService(features, { trail: auditStore, locate });
  const realmActions = new RealmActionsService(features);
  const mySessions = new MySessionsService(features, config.keycloak.realm);
  const jobs = new BulkJobs(sessions, snapshots, trail, actions, jobStore, {
    concurrency: config.bulk.concurrency,
    helpdeskLimit: config.bulk.helpdeskLimit,
    keepFinished: 200,
    staleMs: config.bulk.staleMs,
    // A running job asks Keycloak again between items at least as often as requests do, and at least every 3 s.
    recheckMs: Math.min(config.operatorRecheckMs, 3_000),
    onStoreError: (err, jobId, what) => logger.warn({ err, jobId }, `job store: ${what} failed`),
  });
  const concernStore = createConcernStore({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    onPoolError: (err) => logger.warn({ err }, 'concern database pool error'),
  });
  const concerns = new ConcernsService(features, {
    store: concernStore,
    trail: auditStore,
    defaults: config.concernDefaults,
    onRecordError: (err, realm) => logger.warn({ err, realm }, 'the seen countries of a snapshot were not stored; the next build tries again'),
  });
  const events = new KeycloakEvents(keycloak);
  const logoutTokens = new LogoutTokenVerifier(config, oidc);
  const ipLocation = locator?.info ?? IP_LOCATION_OFF;
  return { oidc, keycloak, logoutTokens, sessions, snapshots, sessionsService, usersService, realmActions, mySessions, jobs, jobStore, concerns, concernStore, actions, events, trail, auditStore, ipLocation };
}
