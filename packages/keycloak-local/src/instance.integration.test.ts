import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { KeycloakHttpError, adminGet, clientCredentialsToken, masterAdminToken, passwordLogin } from './admin-api.ts';
import { demoRealm } from './demo-realm.ts';
import { listEndUsernames } from './end-users.ts';
import type { RunningKeycloak } from './instance.ts';
import { ensureKeycloak } from './instance.ts';

function jwtClaims(token: string): Record<string, unknown> {
  const payload = token.split('.')[1] ?? '';
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
}

function isRecordArray(value: unknown): value is Array<Record<string, unknown>> {
  return Array.isArray(value) && value.every((v) => typeof v === 'object' && v !== null);
}

/** Walks the browser part of the authorization code flow with PKCE: login form, credentials, redirect with code. */
async function codeFlowLogin(url: string, username: string, password: string): Promise<Record<string, unknown>> {
  const oidc = `${url}/realms/demo/protocol/openid-connect`;
  const redirectUri = 'http://localhost:3000/auth/callback';
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const authorize = new URLSearchParams({
    client_id: demoRealm.bff.clientId,
    response_type: 'code',
    scope: 'openid',
    redirect_uri: redirectUri,
    state: 'test-state',
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  const page = await fetch(`${oidc}/auth?${authorize}`, { redirect: 'manual' });
  const cookie = page.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const action = /<form[^>]*id="kc-form-login"[^>]*action="([^"]+)"/.exec(await page.text())?.[1]?.replaceAll('&amp;', '&');
  if (!action) throw new Error('login form not found');
  const submitted = await fetch(action, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username, password }),
  });
  const code = new URL(submitted.headers.get('location') ?? '').searchParams.get('code');
  if (!code) throw new Error(`no code in redirect (HTTP ${submitted.status})`);
  const token = await fetch(`${oidc}/token`, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri,
      client_id: demoRealm.bff.clientId,
      client_secret: demoRealm.bff.clientSecret,
      code_verifier: verifier,
    }),
  });
  expect(token.status).toBe(200);
  return (await token.json()) as Record<string, unknown>;
}

/** The pids of `pid`'s descendants (Linux /proc), depth first. */
function descendants(pid: number): number[] {
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  return children.flatMap((child) => [child, ...descendants(child)]);
}

/** Open file descriptors of the Keycloak JVM started by the kc.sh process `scriptPid`. */
function jvmOpenFiles(scriptPid: number): number {
  const jvm = [scriptPid, ...descendants(scriptPid)].find((pid) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('QuarkusEntryPoint'));
  if (jvm === undefined) throw new Error(`no Keycloak JVM under pid ${scriptPid}`);
  return readdirSync(`/proc/${jvm}/fd`).length;
}

// Uses the shared `test` instance and leaves it running: the project's test runner owns its lifetime.
describe('the local test Keycloak', () => {
  let kc: RunningKeycloak;

  beforeAll(async () => {
    kc = await ensureKeycloak('test', { log: () => undefined });
  });

  it('keeps its open files flat over 300 requests, forwarded addresses included (no socket per request, keycloak#52968)', async () => {
    const before = jvmOpenFiles(kc.pid);
    for (let i = 0; i < 300; i++) {
      const response = await fetch(`${kc.url}/realms/demo`, { headers: { 'x-forwarded-for': `203.0.113.${i % 250}` } });
      expect(response.status).toBe(200);
      await response.arrayBuffer();
    }
    // A leak grows by one per request (+300); pools and caches settle well below 100.
    expect(jvmOpenFiles(kc.pid) - before).toBeLessThan(100);
  });

  it('serves the demo realm with a localhost issuer', async () => {
    const response = await fetch(`${kc.url}/realms/demo/.well-known/openid-configuration`);
    expect(response.status).toBe(200);
    const discovery = (await response.json()) as { issuer: string };
    expect(discovery.issuer).toBe(`${kc.url}/realms/demo`);
    expect(kc.url).toMatch(/^http:\/\/localhost:\d+$/);
  });

  it('turns a password login on demo-portal into a session the Admin API lists', async () => {
    const username = listEndUsernames()[7] as string;
    const tokens = await passwordLogin({ url: kc.url, clientId: 'demo-portal', username, password: demoRealm.endUserPassword });
    const sid = jwtClaims(tokens.access_token)['sid'];
    expect(typeof sid).toBe('string');

    const admin = await masterAdminToken(kc.url);
    const users = await adminGet(kc.url, admin, `demo/users?username=${encodeURIComponent(username)}&exact=true`);
    expect(isRecordArray(users) && users.length).toBe(1);
    const userId = isRecordArray(users) ? String(users[0]?.['id']) : '';
    const sessions = await adminGet(kc.url, admin, `demo/users/${userId}/sessions`);
    expect(isRecordArray(sessions)).toBe(true);
    const session = isRecordArray(sessions) ? sessions.find((s) => s['id'] === sid) : undefined;
    expect(session).toMatchObject({ username, clients: expect.objectContaining({}) as unknown });
    expect(Object.values(session?.['clients'] ?? {})).toContain('demo-portal');
  });

  it('signs an operator in to session-desk with code + PKCE, roles in resource_access and names in the id token', async () => {
    const operator = demoRealm.operators[1];
    if (!operator) throw new Error('no operator');
    const tokens = await codeFlowLogin(kc.url, operator.username, operator.password);
    const access = jwtClaims(String(tokens['access_token']));
    expect(access['iss']).toBe(`${kc.url}/realms/demo`);
    expect(access['resource_access']).toMatchObject({ 'session-desk': { roles: [operator.role] } });
    const id = jwtClaims(String(tokens['id_token']));
    expect(id).toMatchObject({ email: operator.email, given_name: operator.firstName, family_name: operator.lastName });
  });

  it('refuses password grants on the session-desk client', async () => {
    const operator = demoRealm.operators[0];
    if (!operator) throw new Error('no operator');
    const login = passwordLogin({
      url: kc.url,
      clientId: demoRealm.bff.clientId,
      clientSecret: demoRealm.bff.clientSecret,
      username: operator.username,
      password: operator.password,
    });
    await expect(login).rejects.toThrow(/unauthorized_client/);
  });

  it('lets the service account read demo users but nothing outside its roles', async () => {
    const token = await clientCredentialsToken({
      url: kc.url,
      clientId: demoRealm.service.clientId,
      clientSecret: demoRealm.service.clientSecret,
    });
    const users = await adminGet(kc.url, token, 'demo/users?max=1');
    expect(isRecordArray(users) && users.length).toBe(1);

    const outside = await adminGet(kc.url, token, 'master/users?max=1').then(
      () => 0,
      (error: unknown) => (error instanceof KeycloakHttpError ? error.status : -1),
    );
    expect(outside).toBe(403);
  });

  it('issues offline tokens to end users on demo apps', async () => {
    const username = listEndUsernames()[8] as string;
    const tokens = await passwordLogin({ url: kc.url, clientId: 'demo-mail', username, password: demoRealm.endUserPassword, offline: true });
    expect(jwtClaims(tokens.refresh_token)['typ']).toBe('Offline');
  });
});
