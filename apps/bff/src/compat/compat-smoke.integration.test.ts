import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import KcAdminClient from '@keycloak/keycloak-admin-client';
import type { Agent } from 'supertest';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { masterAdminToken, passwordLogin, type TokenSet } from '@session-desk/keycloak-local';
import {
  loginEventsResponseSchema,
  meResponseSchema,
  realmsResponseSchema,
  sessionJobSchema,
  sessionListResponseSchema,
  userDetailResponseSchema,
  type SessionJob,
} from '@session-desk/contracts';
import { parseEnvFile } from '@session-desk/setup';
import { freePort } from '@session-desk/test-support';
import { createTestApp } from '../testing/test-app.js';
import { signInThroughKeycloak } from '../testing/keycloak-browser.js';
import { checkConsoleConnection } from '../connection/connection-check.js';

/**
 * The compat smoke suite: a fresh realm provisioned by the real `setup` command, then every core
 * feature through the BFF. Runs against the test Keycloak in `npm test`, and against each version
 * `npm run test:compat` starts (SD_COMPAT_KEYCLOAK_URL, see src/testing/global-setup.ts).
 */
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
const setupCli = path.join(repoRoot, 'packages', 'setup', 'dist', 'cli.js');
const PASSWORD = `pw-${randomBytes(8).toString('hex')}`;
const ROLES = ['admin', 'helpdesk', 'auditor'] as const;
const GROUPS = { admin: 'session-desk-admins', helpdesk: 'session-desk-helpdesk', auditor: 'session-desk-auditors' } as const;

const sidOf = (tokens: TokenSet) => (JSON.parse(Buffer.from(tokens.access_token.split('.')[1] ?? '', 'base64url').toString()) as { sid: string }).sid;

async function until<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('compat smoke: a realm provisioned by setup, through the BFF', () => {
  const keycloakUrl = inject('keycloakUrl');
  const realm = `smoke-${randomBytes(4).toString('hex')}`;
  const envPath = path.join(mkdtempSync(path.join(tmpdir(), 'sd-smoke-')), 'session-desk.env');
  let admin: KcAdminClient;
  let app: ReturnType<typeof createTestApp>;
  let server: Server;
  const userIds = new Map<string, string>();

  const runSetupCli = (publicUrl: string) =>
    spawnSync(process.execPath, [setupCli, '--keycloak-url', keycloakUrl, '--realm', realm, '--public-url', publicUrl, '--groups', '--env-path', envPath], {
      encoding: 'utf8',
      env: { PATH: process.env['PATH'], KEYCLOAK_ADMIN_USERNAME: 'admin', KEYCLOAK_ADMIN_PASSWORD: 'admin' },
    });

  const login = (username: string, offline = false) => passwordLogin({ url: keycloakUrl, realm, clientId: 'shop', username, password: PASSWORD, offline });
  const liveSessions = async (username: string) => (await admin.users.listSessions({ realm, id: userIds.get(username) as string })).map((session) => session.id);

  /**
   * A console signed in as `op-<role>` for one test alone: an earlier test may have ended the
   * operators' Keycloak sessions (back-channel logout, sign out everyone), so none is shared.
   */
  async function signedIn(role: (typeof ROLES)[number]): Promise<Agent> {
    const browser = app.agent();
    await signInThroughKeycloak(browser, `op-${role}`, PASSWORD);
    return browser;
  }

  /** An end user of the realm for one test alone (`<prefix>-<random>`, password PASSWORD), so no test sees another's sessions. */
  async function endUser(prefix: string): Promise<string> {
    const username = `${prefix}-${randomBytes(3).toString('hex')}`;
    const { id } = await admin.users.create({ realm, username, enabled: true, email: `${username}@example.com`, emailVerified: true, firstName: 'U', lastName: username });
    await admin.users.resetPassword({ realm, id, credential: { type: 'password', value: PASSWORD, temporary: false } });
    userIds.set(username, id);
    return username;
  }

  beforeAll(async () => {
    admin = new KcAdminClient({ baseUrl: keycloakUrl, realmName: 'master' });
    admin.registerTokenProvider({ getAccessToken: () => masterAdminToken(keycloakUrl) });
    await admin.realms.create({ realm, enabled: true });

    // The console listens on a real port: Keycloak's back-channel logout must reach it.
    const port = await freePort();
    const publicUrl = `http://localhost:${port}`;
    const first = runSetupCli(publicUrl);
    expect(first.status, first.stderr).toBe(0);
    const second = runSetupCli(publicUrl);
    expect(second.status, second.stderr).toBe(0);
    expect(second.stdout).toContain('no changes');
    const env = parseEnvFile(readFileSync(envPath, 'utf8'));

    for (const role of ROLES) {
      const { id } = await admin.users.create({ realm, username: `op-${role}`, enabled: true, email: `op-${role}@example.com`, emailVerified: true, firstName: 'Op', lastName: role });
      await admin.users.resetPassword({ realm, id, credential: { type: 'password', value: PASSWORD, temporary: false } });
      const [group] = (await admin.groups.find({ realm, search: GROUPS[role] })).filter((candidate) => candidate.name === GROUPS[role]);
      await admin.users.addToGroup({ realm, id, groupId: group?.id as string });
    }
    await admin.clients.create({ realm, clientId: 'shop', publicClient: true, directAccessGrantsEnabled: true, standardFlowEnabled: false });

    app = createTestApp({
      KEYCLOAK_URL: keycloakUrl,
      PUBLIC_URL: publicUrl,
      KEYCLOAK_REALM: env['KEYCLOAK_REALM'] as string,
      MANAGED_REALMS: env['MANAGED_REALMS'] as string,
      OIDC_CLIENT_ID: env['OIDC_CLIENT_ID'] as string,
      OIDC_CLIENT_SECRET: env['OIDC_CLIENT_SECRET'] as string,
      SERVICE_CLIENT_ID: env['SERVICE_CLIENT_ID'] as string,
      SERVICE_CLIENT_SECRET: env['SERVICE_CLIENT_SECRET'] as string,
      SNAPSHOT_TTL_SECONDS: '0',
    });
    server = createServer(app.app);
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  });

  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await admin?.realms.del({ realm }).catch(() => undefined);
  });

  it('doctor finds everything in place, back-channel logout reaching this BFF included', async () => {
    const report = await checkConsoleConnection(app.config, { realm: 'master', username: 'admin', password: 'admin' });
    expect(report.checks.filter((check) => check.status === 'fail' || check.status === 'warn')).toEqual([]);
    expect(report.keycloakVersion).toMatch(/^\d+\.\d+\.\d+/);
    console.log(`[compat-finding] doctor: Keycloak ${report.keycloakVersion}, ${report.checks.length} checks ok`);
  });

  it('signs in each role', async () => {
    for (const role of ROLES) {
      const browser = await signedIn(role);
      const me = meResponseSchema.parse((await browser.get('/api/me').expect(200)).body);
      expect(me).toMatchObject({ username: `op-${role}`, primaryRole: role, realm });
    }
  });

  it('lists the realm and finds a session by username', async () => {
    const browser = await signedIn('auditor');
    expect(realmsResponseSchema.parse((await browser.get('/api/realms').expect(200)).body).realms.map((entry) => entry.name)).toEqual([realm]);
    const username = await endUser('u-search');
    const signedInAt = Date.now();
    const sid = sidOf(await login(username));
    // An earlier test may have had the realm's snapshot built (ending a session looks it up): the list
    // serves it while a new one builds (stale-while-revalidate), so ask until one begun after the login answers.
    const page = await until(async () => {
      const list = sessionListResponseSchema.parse((await browser.get(`/api/realms/${realm}/sessions?q=u-sea`).expect(200)).body);
      return Date.parse(list.snapshot.builtAt) - list.snapshot.buildMs >= signedInAt ? list : undefined;
    }, 'a session list built after the login');
    expect(page.items.map((row) => [row.username, row.id])).toEqual([[username, sid]]);
  });

  it("shows a user's page with regular and offline sessions", async () => {
    const username = await endUser('u-page');
    const regular = sidOf(await login(username));
    await login(username, true);
    const detail = userDetailResponseSchema.parse((await (await signedIn('helpdesk')).get(`/api/realms/${realm}/users/${userIds.get(username)}`).expect(200)).body);
    expect(detail.user.username).toBe(username);
    expect(detail.sessions.map((session) => session.id)).toContain(regular);
    expect(detail.offlineSessions).toHaveLength(1);
  });

  it('ends one session', async () => {
    const username = await endUser('u-end');
    const sid = sidOf(await login(username));
    const keep = sidOf(await login(username));
    const ended = await (await signedIn('helpdesk')).delete(`/api/realms/${realm}/sessions/${sid}`).set('X-CSRF', '1').send({ reason: 'compat smoke: end one' });
    expect(ended.status).toBe(200);
    expect(await liveSessions(username)).toEqual([keep]);
  });

  it('logs a user out, offline sessions included', async () => {
    const username = await endUser('u-logout');
    await login(username);
    await login(username, true);
    // One regular session on 26; Keycloak 24 and 25 also open a regular session for the offline login.
    expect((await liveSessions(username)).length).toBeGreaterThanOrEqual(1);
    const browser = await signedIn('admin');
    const response = await browser.post(`/api/realms/${realm}/users/${userIds.get(username)}/logout`).set('X-CSRF', '1').send({ reason: 'compat smoke: logout', includeOffline: true });
    expect(response.status).toBe(200);
    expect(await liveSessions(username)).toEqual([]);
    const detail = userDetailResponseSchema.parse((await browser.get(`/api/realms/${realm}/users/${userIds.get(username)}`).expect(200)).body);
    expect(detail.sessions).toEqual([]);
    expect(detail.offlineSessions).toEqual([]);
  });

  it('ends chosen sessions as a bulk job', async () => {
    const username = await endUser('u-bulk');
    const ids = [sidOf(await login(username)), sidOf(await login(username)), sidOf(await login(username))];
    const browser = await signedIn('helpdesk');
    const started = await browser.post(`/api/realms/${realm}/session-jobs`).set('X-CSRF', '1').send({ reason: 'compat smoke: bulk', sessions: ids.map((id) => ({ id, type: 'regular' })) });
    expect(started.status).toBe(202);
    const jobId = sessionJobSchema.parse(started.body).id;
    const job = await until<SessionJob>(async () => {
      const current = sessionJobSchema.parse((await browser.get(`/api/session-jobs/${jobId}`)).body);
      return current.state === 'running' ? undefined : current;
    }, 'the bulk job');
    expect(job).toMatchObject({ state: 'completed', total: 3, done: 3, failed: 0 });
    expect(await liveSessions(username)).toEqual([]);
  });

  it("shows the realm's login events", async () => {
    const username = await endUser('u-events');
    await login(username);
    const browser = await signedIn('auditor');
    const events = await until(async () => {
      const page = loginEventsResponseSchema.parse((await browser.get(`/api/realms/${realm}/events`).expect(200)).body);
      return page.items.some((event) => event.username === username) ? page : undefined;
    }, `the login event of ${username}`);
    expect(events.enabled).toBe(true);
    expect(events.items.some((event) => event.type === 'LOGIN' && event.username === username)).toBe(true);
  });

  it('drops the console session when Keycloak ends the operator session (back-channel logout)', async () => {
    const probe = await app.agent().post('/auth/backchannel-logout').type('form').send({ logout_token: 'not-a-jwt' });
    expect(probe.status, 'the BFF refuses an invalid logout token').toBe(400);
    const browser = await signedIn('auditor');
    await browser.get('/api/me').expect(200);
    const [operator] = await admin.users.find({ realm, username: 'op-auditor', exact: true });
    const sessions = await admin.users.listSessions({ realm, id: operator?.id as string });
    for (const session of sessions) await admin.realms.deleteSession({ realm, session: session.id as string, isOffline: false });
    await until(async () => ((await browser.get('/api/me')).status === 401 ? true : undefined), 'the console session to end');
  });

  // It ends every session of the realm, the operators' too: every other test signs its own operator in.
  it('signs the whole realm out, and reports what happened to offline sessions', async () => {
    const username = await endUser('u-everyone');
    const regular = sidOf(await login(username));
    await login(username, true);
    const browser = await signedIn('admin');
    const response = await browser.post(`/api/realms/${realm}/logout-all`).set('X-CSRF', '1').send({ reason: 'compat smoke: everyone out', confirmRealm: realm });
    expect(response.status).toBe(200);
    expect(await liveSessions(username)).not.toContain(regular);
    const [shop] = await admin.clients.find({ realm, clientId: 'shop' });
    const offline = await admin.users.listOfflineSessions({ realm, id: userIds.get(username) as string, clientId: shop?.id as string });
    const behaviour = await app.keycloak.serverBehaviour();
    console.log(`[compat-finding] Keycloak ${behaviour.version}: logout-all left ${offline.length} offline session(s) of ${username}`);
    // The one place that knows version differences (keycloak/server-version.ts) matches what Keycloak did.
    expect(behaviour.logoutAllEndsOfflineSessions).toBe(offline.length === 0);
  });
});
