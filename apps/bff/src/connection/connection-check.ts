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
 * Every check of `npm run doctor` for this configuration (a report, never a throw for a finding);
 * meant for an admin "Connection" panel as well as the command line.
 */
export function checkConsoleConnection(config: Config, admin?: DoctorAdminEnv): Promise<ConnectionReport> {
  return checkConnection(connectionSettings(config, admin));
}
