import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { checkConnection } from './doctor.js';
import { parseEnvFile } from './env-file.js';
import { SetupError } from './errors.js';
import { SERVICE_ACCOUNT_ROLES } from './requirements.js';
import { runSetup, type SetupOutcome } from './setup-command.js';
import { createThrowawayRealm, masterAdmin } from './testing/throwaway-realm.js';

/** A port nothing listens on (taken from the OS, then released). */
function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const PUBLIC_URL = 'http://localhost:3100';
const masterCredentials = { KEYCLOAK_ADMIN_USERNAME: 'admin', KEYCLOAK_ADMIN_PASSWORD: 'admin' };

async function setup(args: string[], env: Record<string, string> = masterCredentials): Promise<{ outcome: SetupOutcome | undefined; output: string[] }> {
  const output: string[] = [];
  const outcome = await runSetup(args, env, { out: (line) => output.push(line) });
  return { outcome, output };
}

async function setupError(args: string[], env: Record<string, string> = masterCredentials): Promise<SetupError> {
  const error = await setup(args, env).then(
    () => undefined,
    (err: unknown) => err,
  );
  if (!(error instanceof SetupError)) throw new Error(`expected a SetupError, got ${String(error)}`);
  return error;
}

// Each test creates (and most provision) two realms of its own: slow on a loaded 2-core machine, not wrong.
describe('npm run setup against the real Keycloak', { timeout: 300_000 }, () => {
  const keycloakUrl = inject('keycloakUrl');
  const dir = mkdtempSync(path.join(tmpdir(), 'sd-setup-'));
  const removals: Array<() => Promise<void>> = [];

  afterAll(async () => {
    await Promise.allSettled(removals.map((remove) => remove()));
  });

  /**
   * Two empty realms of one test's own (the operator realm and a second managed realm), its env file
   * path and the setup arguments for them: no test sees what another provisioned or broke.
   */
  async function freshRealms(): Promise<{ realm: string; other: string; envPath: string; args: () => string[] }> {
    const first = await createThrowawayRealm(keycloakUrl, 'setup-test');
    const second = await createThrowawayRealm(keycloakUrl, 'setup-other');
    removals.push(first.remove, second.remove);
    const envPath = path.join(mkdtempSync(path.join(dir, 'env-')), 'desk.env');
    const args = () => ['--keycloak-url', keycloakUrl, '--realm', first.realm, '--managed-realms', `${first.realm},${second.realm}`, '--public-url', PUBLIC_URL, '--groups', '--env-path', envPath];
    return { realm: first.realm, other: second.realm, envPath, args };
  }

  /** freshRealms(), provisioned by one run of setup. */
  async function provisioned(): Promise<Awaited<ReturnType<typeof freshRealms>>> {
    const realms = await freshRealms();
    const { outcome } = await setup(realms.args());
    expect(outcome?.changes.length, 'setup provisioned the fresh realms').toBeGreaterThan(5);
    return realms;
  }

  it('plans without changing anything in a dry run', async () => {
    const { realm, other, envPath, args } = await freshRealms();
    const { outcome, output } = await setup([...args(), '--dry-run']);
    expect(outcome?.changes.map((change) => `${change.realm} ${change.subject}`)).toEqual(
      expect.arrayContaining([`${realm} client session-desk`, `${realm} client role session-desk/admin`, `${other} client session-desk-service`, `${other} service account of session-desk-service`]),
    );
    expect(output.join('\n')).toMatch(/^Plan \(\d+ changes\):/m);
    const admin = await masterAdmin(keycloakUrl);
    expect(await admin.clients.find({ realm, clientId: 'session-desk' })).toEqual([]);
    expect(() => statSync(envPath)).toThrow();
  });

  it('provisions a fresh realm, writes the env file 0600, and changes nothing the second time', async () => {
    const { realm, other, envPath, args } = await freshRealms();
    const first = await setup(args());
    expect(first.outcome?.changes.length).toBeGreaterThan(5);

    const admin = await masterAdmin(keycloakUrl);
    const [operator] = await admin.clients.find({ realm, clientId: 'session-desk' });
    expect(operator).toMatchObject({
      publicClient: false,
      standardFlowEnabled: true,
      directAccessGrantsEnabled: false,
      redirectUris: [`${PUBLIC_URL}/auth/callback`],
    });
    expect(operator?.attributes).toMatchObject({
      'pkce.code.challenge.method': 'S256',
      'post.logout.redirect.uris': `${PUBLIC_URL}/signed-out`,
      'backchannel.logout.url': `${PUBLIC_URL}/auth/backchannel-logout`,
      'backchannel.logout.session.required': 'true',
    });
    const roles = await admin.clients.listRoles({ realm, id: operator?.id as string });
    expect(roles.map((role) => role.name).sort()).toEqual(['admin', 'auditor', 'helpdesk']);
    const groups = await admin.groups.find({ realm, search: 'session-desk' });
    expect(groups.map((group) => group.name).sort()).toEqual(['session-desk-admins', 'session-desk-auditors', 'session-desk-helpdesk']);

    const secrets: string[] = [];
    for (const managed of [realm, other]) {
      const [service] = await admin.clients.find({ realm: managed, clientId: 'session-desk-service' });
      const user = await admin.clients.getServiceAccountUser({ realm: managed, id: service?.id as string });
      const [management] = await admin.clients.find({ realm: managed, clientId: 'realm-management' });
      const held = await admin.users.listClientRoleMappings({ realm: managed, id: user.id as string, clientUniqueId: management?.id as string });
      expect(held.map((role) => role.name).sort()).toEqual([...SERVICE_ACCOUNT_ROLES].sort());
      secrets.push((await admin.clients.getClientSecret({ realm: managed, id: service?.id as string })).value as string);
      expect(await admin.realms.getConfigEvents({ realm: managed })).toMatchObject({ eventsEnabled: true, adminEventsEnabled: true });
    }
    // One SERVICE_CLIENT_SECRET serves every managed realm.
    expect(secrets[0]).toBe(secrets[1]);

    expect(statSync(envPath).mode & 0o777).toBe(0o600);
    const written = parseEnvFile(readFileSync(envPath, 'utf8'));
    expect(written).toMatchObject({
      PUBLIC_URL,
      KEYCLOAK_URL: keycloakUrl,
      KEYCLOAK_REALM: realm,
      MANAGED_REALMS: `${realm},${other}`,
      OIDC_CLIENT_ID: 'session-desk',
      OIDC_CLIENT_SECRET: (await admin.clients.getClientSecret({ realm, id: operator?.id as string })).value,
      SERVICE_CLIENT_ID: 'session-desk-service',
      SERVICE_CLIENT_SECRET: secrets[0],
      // A console on localhost without a proxy listens on the public URL's port.
      PORT: '3100',
    });
    expect(written['SESSION_SECRET']?.length).toBeGreaterThanOrEqual(32);

    const before = readFileSync(envPath, 'utf8');
    const second = await setup(args());
    expect(second.outcome?.changes).toEqual([]);
    expect(second.output).toContain('no changes: Keycloak already has everything Session Desk needs.');
    expect(second.outcome?.envFileChanged).toBe(false);
    expect(readFileSync(envPath, 'utf8')).toBe(before);
  });

  it('puts back what an administrator broke, and only that', async () => {
    const { other, args } = await provisioned();
    const admin = await masterAdmin(keycloakUrl);
    const [service] = await admin.clients.find({ realm: other, clientId: 'session-desk-service' });
    const user = await admin.clients.getServiceAccountUser({ realm: other, id: service?.id as string });
    const [management] = await admin.clients.find({ realm: other, clientId: 'realm-management' });
    const managementId = management?.id as string;
    const manageUsers = await admin.clients.findRole({ realm: other, id: managementId, roleName: 'manage-users' });
    const realmAdmin = await admin.clients.findRole({ realm: other, id: managementId, roleName: 'realm-admin' });
    await admin.users.delClientRoleMappings({ realm: other, id: user.id as string, clientUniqueId: managementId, roles: [{ id: manageUsers?.id as string, name: 'manage-users' }] });
    await admin.users.addClientRoleMappings({ realm: other, id: user.id as string, clientUniqueId: managementId, roles: [{ id: realmAdmin?.id as string, name: 'realm-admin' }] });

    const { outcome } = await setup(args());
    expect(outcome?.changes.map((change) => ({ realm: change.realm, subject: change.subject, details: change.details }))).toEqual([
      {
        realm: other,
        subject: 'service account of session-desk-service',
        details: ['grant realm-management roles manage-users', 'remove realm-management roles realm-admin (not needed)'],
      },
    ]);
    const held = await admin.users.listClientRoleMappings({ realm: other, id: user.id as string, clientUniqueId: managementId });
    expect(held.map((role) => role.name).sort()).toEqual([...SERVICE_ACCOUNT_ROLES].sort());
  });

  it('doctor passes on the provisioned realms and names a role the service account lacks', async () => {
    const { realm, other, envPath } = await provisioned();
    const written = parseEnvFile(readFileSync(envPath, 'utf8'));
    const settings = {
      keycloakUrl,
      operatorRealm: realm,
      managedRealms: [realm, other],
      operatorClient: { clientId: 'session-desk', clientSecret: written['OIDC_CLIENT_SECRET'] as string },
      serviceClient: { clientId: 'session-desk-service', clientSecret: written['SERVICE_CLIENT_SECRET'] as string },
      publicUrl: PUBLIC_URL,
    };
    const healthy = await checkConnection(settings);
    expect(healthy.checks.filter((check) => check.status === 'fail')).toEqual([]);
    expect(healthy.ok).toBe(true);
    expect(healthy.keycloakVersion).toMatch(/^\d+\.\d+\.\d+/);

    const admin = await masterAdmin(keycloakUrl);
    const [service] = await admin.clients.find({ realm: other, clientId: 'session-desk-service' });
    const user = await admin.clients.getServiceAccountUser({ realm: other, id: service?.id as string });
    const [management] = await admin.clients.find({ realm: other, clientId: 'realm-management' });
    const viewEvents = await admin.clients.findRole({ realm: other, id: management?.id as string, roleName: 'view-events' });
    await admin.users.delClientRoleMappings({ realm: other, id: user.id as string, clientUniqueId: management?.id as string, roles: [{ id: viewEvents?.id as string, name: 'view-events' }] });

    const broken = await checkConnection(settings);
    expect(broken.ok).toBe(false);
    const failed = broken.checks.filter((check) => check.status === 'fail');
    expect(failed.find((check) => check.id === 'service-role:view-events')).toMatchObject({ realm: other });
    expect(failed.find((check) => check.id === 'service-role:view-events')?.message).toMatch(new RegExp(`realm ${other}: the service account lacks the realm-management role view-events`));
    // Only that role is named, and only in that realm.
    expect(failed.filter((check) => check.id.startsWith('service-role:')).map((check) => `${check.realm} ${check.id}`)).toEqual([`${other} service-role:view-events`]);
  });

  it('doctor names a redirect URI that does not match PUBLIC_URL', async () => {
    const { realm, envPath } = await provisioned();
    const written = parseEnvFile(readFileSync(envPath, 'utf8'));
    const report = await checkConnection({
      keycloakUrl,
      operatorRealm: realm,
      managedRealms: [realm],
      operatorClient: { clientId: 'session-desk', clientSecret: written['OIDC_CLIENT_SECRET'] as string },
      serviceClient: { clientId: 'session-desk-service', clientSecret: written['SERVICE_CLIENT_SECRET'] as string },
      publicUrl: 'https://desk.elsewhere.example',
    });
    expect(report.checks.find((check) => check.id === 'redirect-uri')).toMatchObject({ status: 'fail' });
    expect(report.checks.find((check) => check.id === 'redirect-uri')?.message).toMatch(/does not accept the redirect URI https:\/\/desk\.elsewhere\.example\/auth\/callback/);
    expect(report.checks.find((check) => check.id === 'backchannel-logout-url')).toMatchObject({ status: 'fail' });
  });

  it('says what is wrong: unreachable, bad credentials, missing realm, not allowed to create clients', async () => {
    const { realm } = await freshRealms();
    const base = ['--realm', realm, '--public-url', PUBLIC_URL, '--env-path', path.join(dir, 'never.env')];
    const port = await closedPort();
    const unreachable = await setupError(['--keycloak-url', `http://127.0.0.1:${port}`, ...base]);
    expect(unreachable.code).toBe('unreachable');
    expect(unreachable.message).toMatch(new RegExp(`not reachable at http://127\\.0\\.0\\.1:${port} .*ECONNREFUSED`));

    const badPassword = await setupError(['--keycloak-url', keycloakUrl, ...base], { KEYCLOAK_ADMIN_USERNAME: 'admin', KEYCLOAK_ADMIN_PASSWORD: 'wrong' });
    expect(badPassword.code).toBe('bad_credentials');
    expect(badPassword.message).toMatch(/KEYCLOAK_ADMIN_PASSWORD/);

    const missing = await setupError(['--keycloak-url', keycloakUrl, '--realm', 'no-such-realm-i14', '--public-url', PUBLIC_URL]);
    expect(missing.code).toBe('realm_missing');
    expect(missing.message).toMatch(/Realm "no-such-realm-i14" does not exist/);

    // A realm administrator who may only look: signs in to the realm itself, cannot create clients.
    const limited = await createThrowawayRealm(keycloakUrl, 'setup-limited');
    removals.push(limited.remove);
    const admin = await masterAdmin(keycloakUrl);
    const { id: userId } = await admin.users.create({ realm: limited.realm, username: 'looker', enabled: true, firstName: 'Lo', lastName: 'Oker', email: 'looker@example.com', emailVerified: true });
    await admin.users.resetPassword({ realm: limited.realm, id: userId, credential: { type: 'password', value: 'looker-password', temporary: false } });
    const [management] = await admin.clients.find({ realm: limited.realm, clientId: 'realm-management' });
    const viewRoles = (await admin.clients.listRoles({ realm: limited.realm, id: management?.id as string })).filter((role) => ['view-realm', 'view-clients', 'view-users', 'view-events'].includes(role.name ?? ''));
    await admin.users.addClientRoleMappings({ realm: limited.realm, id: userId, clientUniqueId: management?.id as string, roles: viewRoles.map((role) => ({ id: role.id as string, name: role.name as string })) });
    const forbidden = await setupError(['--keycloak-url', keycloakUrl, '--realm', limited.realm, '--public-url', PUBLIC_URL, '--env-path', path.join(dir, 'never.env')], {
      KEYCLOAK_ADMIN_USERNAME: 'looker',
      KEYCLOAK_ADMIN_PASSWORD: 'looker-password',
      KEYCLOAK_ADMIN_REALM: limited.realm,
    });
    expect(forbidden.code).toBe('forbidden');
    expect(forbidden.message).toMatch(new RegExp(`Not allowed to create client session-desk in realm "${limited.realm}".*manage-clients`));
    expect(() => statSync(path.join(dir, 'never.env'))).toThrow();
  });

  it('refuses a public URL with a path and a run without credentials, naming what to give', async () => {
    const { realm } = await freshRealms();
    const withPath = await setupError(['--keycloak-url', keycloakUrl, '--realm', realm, '--public-url', 'https://example.com/desk']);
    expect(withPath.message).toMatch(/origin without a path/);
    const noCredentials = await setupError(['--keycloak-url', keycloakUrl, '--realm', realm, '--public-url', PUBLIC_URL], {});
    expect(noCredentials.message).toMatch(/KEYCLOAK_ADMIN_USERNAME and KEYCLOAK_ADMIN_PASSWORD/);
  });
});
