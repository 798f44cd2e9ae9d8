import type { ConnectionResponse } from '@session-desk/contracts';
import { checkConnection, type AdminCredentials, type ConnectionReport, type ConnectionSettings } from '@session-desk/setup';
import type { Config } from '../config.js';
import type { DoctorAdminEnv } from '../env.js';

/**
 * The doctor's view of this BFF's configuration. Admin credentials are optional: with them the
 * checks also read the server version and the operator client through a master-realm admin.
 */
export function connectionSettings(config: Config, admin?: DoctorAdminEnv): ConnectionSettings {
  let credentials: AdminCredentials | undefined;
  if (admin?.clientId && admin.clientSecret) {
    credentials = { kind: 'client', realm: admin.realm, clientId: admin.clientId, clientSecret: admin.clientSecret };
  } else if (admin?.username && admin.password) {
    credentials = { kind: 'password', realm: admin.realm, username: admin.username, password: admin.password };
  }
  return {
    keycloakUrl: config.keycloak.url,
    operatorRealm: config.keycloak.realm,
    managedRealms: config.keycloak.managedRealms,
    operatorClient: { clientId: config.oidc.clientId, clientSecret: config.oidc.clientSecret },
    serviceClient: { clientId: config.service.clientId, clientSecret: config.service.clientSecret },
    publicUrl: config.publicUrl.origin,
    timeoutMs: config.keycloak.timeoutMs,
    admin: credentials,
  };
}

/**
 * Every check of `npm run doctor` for this configuration (a report, never a throw for a finding); the
 * one implementation behind the command line and the console's Connection page.
 */
export function checkConsoleConnection(config: Config, admin?: DoctorAdminEnv, bounds: Pick<ConnectionSettings, 'timeoutMs' | 'deadlineMs'> = {}): Promise<ConnectionReport> {
  return checkConnection({ ...connectionSettings(config, admin), ...bounds });
}

/** The Connection page answers within this, however slow Keycloak is (milliseconds). */
export const CONNECTION_PAGE_DEADLINE_MS = 10_000;
/** Per call to Keycloak on the Connection page (milliseconds), at most KEYCLOAK_TIMEOUT_MS. */
const CONNECTION_PAGE_CALL_TIMEOUT_MS = 5_000;

/**
 * The Connection page's checks, single flight: admins who ask while a run is under way share its
 * answer, so reloading the page never piles runs (and test logout tokens) onto Keycloak and the BFF.
 * Each run is bounded by CONNECTION_PAGE_DEADLINE_MS; past it the report names the step Keycloak did
 * not answer.
 */
export function connectionPageChecks(config: Config): () => Promise<ConnectionResponse> {
  let running: Promise<ConnectionResponse> | undefined;
  const run = async (): Promise<ConnectionResponse> => {
    const startedAt = Date.now();
    const report = await checkConsoleConnection(config, undefined, {
      timeoutMs: Math.min(config.keycloak.timeoutMs, CONNECTION_PAGE_CALL_TIMEOUT_MS),
      deadlineMs: CONNECTION_PAGE_DEADLINE_MS,
    });
    return {
      ok: report.ok,
      operatorRealm: config.keycloak.realm,
      managedRealms: config.keycloak.managedRealms,
      ...(report.keycloakVersion ? { keycloakVersion: report.keycloakVersion } : {}),
      checkedAt: new Date(startedAt).toISOString(),
      durationMs: Math.max(0, Date.now() - startedAt),
      checks: report.checks,
    };
  };
  return () => {
    running ??= run().finally(() => {
      running = undefined;
    });
    return running;
  };
}
