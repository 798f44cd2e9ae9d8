import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEMO_APPS, SERVICE_ACCOUNT_ROLES, demoRealm } from './demo-realm.ts';
import { listEndUsernames } from './end-users.ts';
import { renderRealmJson } from './generate-realm.ts';
import { realmFile } from './paths.ts';
import type { ClientDocument, UserDocument } from './realm-document.ts';
import { LOGIN_EVENT_TYPES, buildRealmDocument } from './realm-document.ts';

const realm = buildRealmDocument();

function client(clientId: string): ClientDocument {
  const found = realm.clients.find((c) => c.clientId === clientId);
  if (!found) throw new Error(`no client ${clientId}`);
  return found;
}

function user(username: string): UserDocument {
  const found = realm.users.find((u) => u.username === username);
  if (!found) throw new Error(`no user ${username}`);
  return found;
}

describe('demo realm document', () => {
  it('is exactly what is checked in (run `node packages/keycloak-local/src/generate-realm.ts` after changes)', () => {
    expect(readFileSync(realmFile, 'utf8')).toBe(renderRealmJson());
  });

  it('is deterministic', () => {
    expect(JSON.stringify(buildRealmDocument())).toBe(JSON.stringify(realm));
  });

  it('uses the cheap demo password policy, events and long SSO sessions', () => {
    expect(realm.realm).toBe('demo');
    expect(realm.passwordPolicy).toBe('hashAlgorithm(pbkdf2-sha256) and hashIterations(1)');
    expect(realm.eventsEnabled).toBe(true);
    expect(realm.adminEventsEnabled).toBe(true);
    expect(realm.adminEventsDetailsEnabled).toBe(true);
    expect(realm.enabledEventTypes).toEqual(expect.arrayContaining(['LOGIN', 'LOGIN_ERROR', 'LOGOUT', 'CODE_TO_TOKEN', 'REFRESH_TOKEN', 'CLIENT_LOGIN']));
    expect(realm.enabledEventTypes).toEqual([...LOGIN_EVENT_TYPES]);
    expect(realm.ssoSessionIdleTimeout).toBe(10 * 3600);
    expect(realm.ssoSessionMaxLifespan).toBe(24 * 3600);
  });

  it('gives every operator exactly one session-desk role and no required actions', () => {
    const roles = realm.roles.client['session-desk']?.map((r) => r.name);
    expect(roles).toEqual(['admin', 'helpdesk', 'auditor']);
    expect(demoRealm.operators.map((o) => o.role).sort()).toEqual(['admin', 'auditor', 'helpdesk']);
    for (const operator of demoRealm.operators) {
      const doc = user(operator.username);
      expect(doc.clientRoles).toEqual({ 'session-desk': [operator.role] });
      expect(doc.requiredActions).toEqual([]);
      expect(doc.emailVerified).toBe(true);
      expect(doc.email).toBe(`${operator.username}@session-desk.example`);
      expect(doc.credentials).toEqual([{ type: 'password', value: operator.username, temporary: false }]);
    }
  });

  it('grants the service account exactly the listed realm-management roles', () => {
    const serviceAccount = realm.users.filter((u) => u.serviceAccountClientId !== undefined);
    expect(serviceAccount).toHaveLength(1);
    expect(serviceAccount[0]?.username).toBe('service-account-session-desk-service');
    expect(serviceAccount[0]?.serviceAccountClientId).toBe('session-desk-service');
    expect(serviceAccount[0]?.realmRoles).toBeUndefined();
    expect(serviceAccount[0]?.clientRoles).toEqual({
      'realm-management': [
        'view-users',
        'query-users',
        'manage-users',
        'view-clients',
        'query-clients',
        'view-realm',
        'view-events',
        'manage-realm',
      ],
    });
    expect(SERVICE_ACCOUNT_ROLES).toHaveLength(8);
  });

  it('configures the BFF client for confidential code flow with PKCE only', () => {
    const bff = client('session-desk');
    expect(bff).toMatchObject({
      publicClient: false,
      secret: 'session-desk-demo-secret',
      standardFlowEnabled: true,
      directAccessGrantsEnabled: false,
      implicitFlowEnabled: false,
      serviceAccountsEnabled: false,
      frontchannelLogout: false,
      webOrigins: ['+'],
    });
    expect(bff.attributes['pkce.code.challenge.method']).toBe('S256');
    expect(bff.redirectUris).toEqual([
      'http://localhost:3000/auth/callback',
      'http://localhost:3100/auth/callback',
      'http://localhost:3101/auth/callback',
      'http://localhost:3102/auth/callback',
      'http://localhost:3103/auth/callback',
      'http://localhost:5173/auth/callback',
    ]);
    expect(bff.attributes['post.logout.redirect.uris']?.split('##')).toEqual([
      'http://localhost:3000/*',
      'http://localhost:3100/*',
      'http://localhost:3101/*',
      'http://localhost:3102/*',
      'http://localhost:3103/*',
      'http://localhost:5173/*',
    ]);
    expect(bff.attributes['backchannel.logout.url']).toBe('http://localhost:3000/auth/backchannel-logout');
    expect(bff.attributes['backchannel.logout.session.required']).toBe('true');
    expect(bff.defaultClientScopes).toEqual(expect.arrayContaining(['roles', 'profile', 'email', 'basic']));
  });

  it('configures the service client for client credentials only', () => {
    expect(client('session-desk-service')).toMatchObject({
      publicClient: false,
      secret: 'session-desk-service-demo-secret',
      serviceAccountsEnabled: true,
      standardFlowEnabled: false,
      directAccessGrantsEnabled: false,
      implicitFlowEnabled: false,
    });
  });

  it('has four public demo apps that allow password grants and offline access', () => {
    expect(demoRealm.apps).toEqual(['demo-portal', 'demo-mail', 'demo-crm', 'demo-mobile']);
    for (const app of DEMO_APPS) {
      expect(client(app.clientId)).toMatchObject({ publicClient: true, directAccessGrantsEnabled: true, standardFlowEnabled: true, name: app.name });
      expect(client(app.clientId).optionalClientScopes).toContain('offline_access');
    }
  });

  it('has about 300 unique, realistic end users with the shared demo password', () => {
    const endUsers = realm.users.filter((u) => u.email?.endsWith('@example.org'));
    expect(endUsers).toHaveLength(300);
    expect(new Set(endUsers.map((u) => u.username)).size).toBe(300);
    expect(new Set(endUsers.map((u) => u.email)).size).toBe(300);
    expect(endUsers.map((u) => u.username)).toEqual(listEndUsernames());
    for (const u of endUsers) {
      expect(u.username).toMatch(/^[a-z]+\.[a-z]+$/);
      expect(u.email).toBe(`${u.username}@example.org`);
      expect(`${u.firstName}.${u.lastName}`.toLowerCase()).toBe(u.username);
      expect(u).toMatchObject({ enabled: true, emailVerified: true, requiredActions: [], realmRoles: ['default-roles-demo'] });
      expect(u.credentials).toEqual([{ type: 'password', value: demoRealm.endUserPassword, temporary: false }]);
    }
  });

  it('keeps all usernames unique across operators, service account and end users', () => {
    const names = realm.users.map((u) => u.username);
    expect(new Set(names).size).toBe(names.length);
  });
});
