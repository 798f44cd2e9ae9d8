export { KEYCLOAK_VERSION } from './versions.ts';
export type { InstanceName } from './instance-config.ts';
export { instanceUrl } from './instance-config.ts';
export type { RunningKeycloak, EnsureOptions, KeycloakStatus } from './instance.ts';
export { ensureKeycloak, stopKeycloak, keycloakStatus } from './instance.ts';
export type { DemoOperator, DemoRealm, OperatorRole } from './demo-realm.ts';
export { demoRealm, SERVICE_ACCOUNT_ROLES } from './demo-realm.ts';
export { serviceAccountUserDocument, serviceClientDocument } from './client-document.ts';
export type { TokenSet, PasswordLoginArgs, SessionTotals } from './admin-api.ts';
export {
  masterAdminToken,
  passwordLogin,
  clientCredentialsToken,
  adminGet,
  clientSessionTotals,
  KeycloakHttpError,
} from './admin-api.ts';
export type { BackchannelTarget, ConsoleClientChange } from './backchannel-logout-url.ts';
export { pointConsoleClient } from './backchannel-logout-url.ts';
export type { SeedArgs, SeedResult } from './seed.ts';
export { seedDemoSessions } from './seed.ts';
export { listEndUsernames } from './end-users.ts';
export type { LargeSeedArgs, LargeSeedResult } from './large-seed.ts';
export { seedLargeRealm } from './large-seed.ts';
export { LARGE_CLIENT_IDS, LARGE_REALM, LARGE_USER_COUNT, LARGE_USER_PASSWORD, largeUsername, largeTargets } from './large-realm.ts';
export { forEachWithConcurrency } from './concurrency.ts';
export type { CompatKeycloak, CompatOptions } from './compat-keycloak.ts';
export { startCompatKeycloak, ensureCompatDistribution } from './compat-keycloak.ts';
export type { PostgresKeycloak, PostgresKeycloakOptions } from './postgres-keycloak.ts';
export { ensurePostgresDistribution, startPostgresKeycloak } from './postgres-keycloak.ts';
export { planDemoLogins, type PlannedLogin } from './seed-plan.ts';
