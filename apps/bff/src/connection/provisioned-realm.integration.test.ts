import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import KcAdminClient from '@keycloak/keycloak-admin-client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { masterAdminToken, passwordLogin } from '@session-desk/keycloak-local';
import { meResponseSchema, realmsResponseSchema, sessionListResponseSchema } from '@session-desk/contracts';
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

    const [service] = await admin.clients.find({ realm, clientId: 'session-desk-service' });
    const account = await admin.clients.getServiceAccountUser({ realm, id: service?.id as string });
    const [management] = await admin.clients.find({ realm, clientId: 'realm-management' });
    const manageUsers = await admin.clients.findRole({ realm, id: management?.id as string, roleName: 'manage-users' });
    await admin.users.delClientRoleMappings({ realm, id: account.id as string, clientUniqueId: management?.id as string, roles: [{ id: manageUsers?.id as string, name: 'manage-users' }] });

    const broken = await checkConsoleConnection(app.config);
    expect(broken.ok).toBe(false);
    expect(broken.checks.find((check) => check.id === 'service-role:manage-users')).toMatchObject({
      status: 'fail',
      realm,
      message: expect.stringMatching(/lacks the realm-management role manage-users, needed for ending sessions/),
    });
  });
});
