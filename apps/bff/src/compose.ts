import type { Logger } from 'pino';
import type { Config } from './config.js';
import { KeycloakGateway } from './keycloak/admin-gateway.js';
import { OidcProvider } from './keycloak/oidc-provider.js';
import { KeycloakEvents } from './keycloak/events-api.js';
import { KeycloakSessions } from './keycloak/sessions-api.js';
import type { ActionRecorder } from './sessions/action-recorder.js';
import { RealmSnapshots } from './sessions/realm-snapshots.js';
import { SessionDesk } from './sessions/session-desk.js';

/** Wires the Keycloak-facing services from the configuration (shared by server.ts and the tests). */
export function composeServices(config: Config, _logger: Logger, recorder: ActionRecorder) {
  const oidc = new OidcProvider(config);
  const keycloak = new KeycloakGateway(config, oidc);
  const sessions = new KeycloakSessions(keycloak, { consoleClientId: config.oidc.clientId, operatorRealm: config.keycloak.realm });
  const snapshots = new RealmSnapshots(sessions, { ttlMs: config.keycloak.snapshotTtlMs });
  const desk = new SessionDesk(sessions, snapshots, recorder, {
    managedRealms: config.keycloak.managedRealms,
    defaultRealm: config.keycloak.managedRealms[0] ?? config.keycloak.realm,
    operatorRealm: config.keycloak.realm,
  });
  const events = new KeycloakEvents(keycloak);
  return { oidc, keycloak, sessions, snapshots, desk, events };
}
