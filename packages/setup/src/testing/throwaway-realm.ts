import { randomBytes } from 'node:crypto';
import KcAdminClient from '@keycloak/keycloak-admin-client';
import { masterAdminToken } from '@session-desk/keycloak-local';

/** The test Keycloak's bootstrap admin as an official admin client (direct checks of what setup did). */
export async function masterAdmin(keycloakUrl: string): Promise<KcAdminClient> {
  const client = new KcAdminClient({ baseUrl: keycloakUrl, realmName: 'master' });
  client.registerTokenProvider({ getAccessToken: () => masterAdminToken(keycloakUrl) });
  return client;
}

/** Creates an empty realm with a unique name; `remove` deletes it. */
export async function createThrowawayRealm(keycloakUrl: string, prefix: string): Promise<{ realm: string; remove: () => Promise<void> }> {
  const realm = `${prefix}-${randomBytes(4).toString('hex')}`;
  const admin = await masterAdmin(keycloakUrl);
  await admin.realms.create({ realm, enabled: true });
  return { realm, remove: () => admin.realms.del({ realm }) };
}
