import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import KcAdminClient from '@keycloak/keycloak-admin-client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { masterAdminToken, passwordLogin } from '@session-desk/keycloak-local';
import { connectionResponseSchema, meResponseSchema, realmsResponseSchema, sessionListResponseSchema } from '@session-desk/contracts';
import { SERVICE_ACCOUNT_ROLES } from '@session-desk/setup';
import { runSetup, type SetupOutcome } from '@session-desk/setup';
import { createTestApp, TEST_PUBLIC_URL } from '../testing/test-app.js';
import { signInThroughKeycloak } from '../testing/keycloak-browser.js';
import { checkConsoleConnection } from './connection-check.js';

/**
 * A realm nobody prepared for the console, provisioned by `npm run setup` alone, then used through the
 * console exactly as an operator would: sign in through Keycloak's login form, list, search, end a session.
 */
describe('a realm provisioned by setup works through the console', () => {
  const keycloakUrl = inject('keycloakUrl');
  const realm = `provisioned-${randomBytes(4).toString('hex')}`;
  const operatorPassword = `op-${randomBytes(8).toString('hex')}`;
  const endUserPassword = `eu-${randomBytes(8).toString('hex')}`;
  let admin: KcAdminClient;
  let setup: SetupOutcome;
  const helpdeskPassword = `hd-${randomBytes(8).toString('hex')}`;
  let app: ReturnType<typeof createTestApp>;

  beforeAll(async () => {
    admin = new KcAdminClient({ baseUrl: keycloakUrl, realmName: 'master' });
    admin.registerTokenProvider({ getAccessToken: () => masterAdminToken(keycloakUrl) });
    await admin.realms.create({ realm, enabled: true });

    const outcome = await runSetup(
      ['--keycloak-url', keycloakUrl, '--realm', realm, '--public-url', TEST_PUBLIC_URL, '--env-path', path.join(mkdtempSync(path.join(tmpdir(), 'sd-provisioned-')), '.env')],
      { KEYCLOAK_ADMIN_USERNAME: 'admin', KEYCLOAK_ADMIN_PASSWORD: 'admin' },
      { out: () => undefined },
    );
    if (!outcome) throw new Error('setup did nothing');
    setup = outcome;

    // What the Keycloak administrator does after setup: give an operator a role. Plus an application
    // with a signed-in end user, so there is a session to manage.
    const [operatorClient] = await admin.clients.find({ realm, clientId: 'session-desk' });
    const adminRole = await admin.clients.findRole({ realm, id: operatorClient?.id as string, roleName: 'admin' });
    const operator = await admin.users.create({ realm, username: 'op-admin', enabled: true, email: 'op-admin@example.com', emailVerified: true, firstName: 'Op', lastName: 'Admin' });
    await admin.users.resetPassword({ realm, id: operator.id, credential: { type: 'password', value: operatorPassword, temporary: false } });
    await admin.users.addClientRoleMappings({ realm, id: operator.id, clientUniqueId: operatorClient?.id as string, roles: [{ id: adminRole?.id as string, name: 'admin' }] });
    const helpdeskRole = await admin.clients.findRole({ realm, id: operatorClient?.id as string, roleName: 'helpdesk' });
    const helpdesk = await admin.users.create({ realm, username: 'op-helpdesk', enabled: true, email: 'op-helpdesk@example.com', emailVerified: true, firstName: 'Op', lastName: 'Helpdesk' });
    await admin.users.resetPassword({ realm, id: helpdesk.id, credential: { type: 'password', value: helpdeskPassword, temporary: false } });
    await admin.users.addClientRoleMappings({ realm, id: helpdesk.id, clientUniqueId: operatorClient?.id as string, roles: [{ id: helpdeskRole?.id as string, name: 'helpdesk' }] });
    await admin.clients.create({ realm, clientId: 'shop', publicClient: true, directAccessGrantsEnabled: true, standardFlowEnabled: false });
    const endUser = await admin.users.create({ realm, username: 'erin.enduser', enabled: true, email: 'erin@example.com', emailVerified: true, firstName: 'Erin', lastName: 'Enduser' });
    await admin.users.resetPassword({ realm, id: endUser.id, credential: { type: 'password', value: endUserPassword, temporary: false } });

    app = createTestApp({
      KEYCLOAK_REALM: realm,
      MANAGED_REALMS: realm,
      OIDC_CLIENT_ID: setup.env['OIDC_CLIENT_ID'] as string,
      OIDC_CLIENT_SECRET: setup.env['OIDC_CLIENT_SECRET'] as string,
      SERVICE_CLIENT_ID: setup.env['SERVICE_CLIENT_ID'] as string,
      SERVICE_CLIENT_SECRET: setup.env['SERVICE_CLIENT_SECRET'] as string,
      SNAPSHOT_TTL_SECONDS: '0',
    });
  });

  afterAll(async () => {
    await admin?.realms.del({ realm }).catch(() => undefined);
  });

  it('signs the operator in, lists and searches the realm, and ends a session', async () => {
    const browser = app.agent();
    const signIn = await signInThroughKeycloak(browser, 'op-admin', operatorPassword);
    expect(signIn.landedOn).toBe('/');

    const me = meResponseSchema.parse((await browser.get('/api/me').expect(200)).body);
    expect(me).toMatchObject({ username: 'op-admin', primaryRole: 'admin', realm });
    const realms = realmsResponseSchema.parse((await browser.get('/api/realms').expect(200)).body);
    expect(realms.realms.map((entry) => entry.name)).toEqual([realm]);

    const tokens = await passwordLogin({ url: keycloakUrl, realm, clientId: 'shop', username: 'erin.enduser', password: endUserPassword });
    const sid = JSON.parse(Buffer.from(tokens.access_token.split('.')[1] ?? '', 'base64url').toString()) as { sid: string };
    const found = sessionListResponseSchema.parse((await browser.get(`/api/realms/${realm}/sessions?q=erin`).expect(200)).body);
    expect(found.items.map((row) => [row.username, row.id])).toEqual([['erin.enduser', sid.sid]]);

    const ended = await browser.delete(`/api/realms/${realm}/sessions/${sid.sid}`).set('X-CSRF', '1').send({ reason: 'setup end-to-end check' });
    expect(ended.status).toBe(200);
    const [erin] = await admin.users.find({ realm, username: 'erin.enduser', exact: true });
    expect(await admin.users.listSessions({ realm, id: erin?.id as string })).toEqual([]);
  });

  it('doctor finds nothing missing, then names the role a broken service account lacks', async () => {
    const healthy = await checkConsoleConnection(app.config);
    // The back-channel probe posts to the test public URL, where no BFF listens in this test.
    const failures = healthy.checks.filter((check) => check.status === 'fail' && check.id !== 'backchannel-logout');
    expect(failures).toEqual([]);
    expect(healthy.checks.find((check) => check.id === 'backchannel-logout-url')).toMatchObject({ status: 'ok' });

    const manageUsers = await serviceAccountRole('manage-users');
    await manageUsers.remove();
    try {
      const broken = await checkConsoleConnection(app.config);
      expect(broken.ok).toBe(false);
      expect(broken.checks.find((check) => check.id === 'service-role:manage-users')).toMatchObject({
        status: 'fail',
        realm,
        message: expect.stringMatching(/lacks the realm-management role manage-users, needed for ending sessions/),
      });
    } finally {
      // The other tests of this file use the service account with every role.
      await manageUsers.restore();
    }
  });

  /** Takes a realm-management role from the service account; returns a function that gives it back. */
  async function serviceAccountRole(roleName: string): Promise<{ remove: () => Promise<void>; restore: () => Promise<void> }> {
    const [service] = await admin.clients.find({ realm, clientId: 'session-desk-service' });
    const account = await admin.clients.getServiceAccountUser({ realm, id: service?.id as string });
    const [management] = await admin.clients.find({ realm, clientId: 'realm-management' });
    const role = await admin.clients.findRole({ realm, id: management?.id as string, roleName });
    const mapping = { realm, id: account.id as string, clientUniqueId: management?.id as string, roles: [{ id: role?.id as string, name: roleName }] };
    return { remove: () => admin.users.delClientRoleMappings(mapping), restore: () => admin.users.addClientRoleMappings(mapping) };
  }

  it('shows the same checks to an admin on GET /api/admin/connection, naming the role the service account lacks', async () => {
    const operatorBrowser = app.agent();
    await signInThroughKeycloak(operatorBrowser, 'op-admin', operatorPassword);
    const healthy = connectionResponseSchema.parse((await operatorBrowser.get('/api/admin/connection').expect(200)).body);
    expect(healthy).toMatchObject({ operatorRealm: realm, managedRealms: [realm], keycloakVersion: expect.stringMatching(/^\d+\.\d+\.\d+/) });
    const ids = healthy.checks.map((check) => check.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'keycloak',
        'service-token',
        ...SERVICE_ACCOUNT_ROLES.map((role) => `service-role:${role}`),
        'redirect-uri',
        'operator-client',
        'backchannel-logout-url',
        'backchannel-logout',
        'events',
        'keycloak-version',
      ]),
    );
    // The back-channel probe posts to the test public URL, where no BFF listens in this test.
    expect(healthy.checks.filter((check) => check.status === 'fail' && check.id !== 'backchannel-logout')).toEqual([]);
    expect(healthy.checks.find((check) => check.id === 'redirect-uri')).toMatchObject({ status: 'ok', message: expect.stringContaining(`${TEST_PUBLIC_URL}/auth/callback`) });
    expect(healthy.checks.find((check) => check.id === 'keycloak-version')).toMatchObject({ status: 'ok', message: expect.stringMatching(/supported/) });

    const viewEvents = await serviceAccountRole('view-events');
    await viewEvents.remove();
    try {
      const broken = connectionResponseSchema.parse((await operatorBrowser.get('/api/admin/connection').expect(200)).body);
      expect(broken.ok).toBe(false);
      expect(broken.checks.filter((check) => check.status === 'fail' && check.id.startsWith('service-role:'))).toEqual([
        {
          id: 'service-role:view-events',
          realm,
          status: 'fail',
          message: expect.stringMatching(new RegExp(`realm ${realm}: the service account lacks the realm-management role view-events, needed for the events pages`)),
        },
      ]);
    } finally {
      await viewEvents.restore();
    }
  });

  it('refuses the connection checks to a help-desk operator (403)', async () => {
    const helpdesk = app.agent();
    await signInThroughKeycloak(helpdesk, 'op-helpdesk', helpdeskPassword);
    const refused = await helpdesk.get('/api/admin/connection');
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ error: 'forbidden' });
    expect(JSON.stringify(refused.body)).not.toMatch(/service-role/);
  });
});
