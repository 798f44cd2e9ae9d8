import { describe, expect, inject, it } from 'vitest';
import { passwordLogin } from '@session-desk/keycloak-local';
import { findUserId } from '../testing/keycloak-admin.js';
import { testConfig } from '../testing/test-app.js';
import { createThrowawayRealm } from '../testing/throwaway-realm.js';
import { KeycloakGateway } from './admin-gateway.js';
import { OidcProvider } from './oidc-provider.js';
import { KeycloakSessions } from './sessions-api.js';

describe("a client whose clientId is '..' (Keycloak accepts it)", () => {
  it("revoking a user's offline access for it is refused and leaves the user in place (the path would have been DELETE /users/{id})", async () => {
    const realm = await createThrowawayRealm({ userCount: 2 });
    try {
      const created = await realm.admin('POST', 'clients', { clientId: '..', enabled: true, publicClient: true, directAccessGrantsEnabled: true, standardFlowEnabled: false });
      expect(created.status).toBe(201);
      await created.body?.cancel();
      const config = testConfig({ KEYCLOAK_REALM: realm.realm });
      const gateway = new KeycloakGateway(config, new OidcProvider(config));
      const sessions = new KeycloakSessions(gateway, { consoleClientId: config.oidc.clientId, operatorRealm: config.keycloak.realm });
      const ids: string[] = [];
      for (const username of realm.users) {
        await passwordLogin({ url: inject('keycloakUrl'), realm: realm.realm, clientId: '..', username, password: 'throwaway-user-password', offline: true });
        const id = await findUserId(realm.realm, username);
        ids.push(id);
      }
      const [userId] = ids;
      if (!userId) throw new Error('no user');
      const refusal = await sessions.revokeOfflineAccess(realm.realm, userId, '..').then(() => undefined, (err: unknown) => err);
      expect(refusal).toMatchObject({ status: 502, code: 'keycloak_error' });
      const user = await realm.admin('GET', `users/${userId}`);
      await user.body?.cancel();
      expect(user.status).toBe(200);
    } finally {
      await realm.remove();
    }
  });
});
