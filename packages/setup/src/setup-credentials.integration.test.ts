import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type KcAdminClient from '@keycloak/keycloak-admin-client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseEnvFile } from './env-file.js';
import { createThrowawayRealm, masterAdmin } from './testing/throwaway-realm.js';

const packageDir = path.resolve(import.meta.dirname, '..');
const cli = path.join(packageDir, 'dist', 'cli.js');
const PUBLIC_URL = 'http://localhost:3100';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Every file under `dir` (relative paths), to prove what a run wrote. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)));
}

/** A clean environment for the CLI: nothing of this test process's KEYCLOAK_* leaks in. */
function cliEnv(home: string, extra: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env['PATH'] ?? '', HOME: home, LANG: 'C.UTF-8', ...extra };
}

/**
 * `npm run setup`'s two other credential paths, through the built CLI as an operator runs it: an admin
 * client (client credentials) from the environment, and a terminal prompt (a real pseudo-terminal from
 * util-linux `script`), where the password must never be echoed nor written anywhere.
 */
describe('npm run setup: admin credentials from an admin client or a prompt', () => {
  const keycloakUrl = inject('keycloakUrl');
  const removals: Array<() => Promise<void>> = [];
  let admin: KcAdminClient;

  beforeAll(async () => {
    // The CLI as `npm run setup` runs it: the package's own build.
    execFileSync(process.execPath, [createRequire(import.meta.url).resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: packageDir });
    admin = await masterAdmin(keycloakUrl);
  });

  afterAll(async () => {
    await Promise.allSettled(removals.map((remove) => remove()));
  });

  /** Gives a master-realm user or service account the master realm's `admin` role (administers every realm). */
  async function makeMasterAdmin(userId: string): Promise<void> {
    const role = await admin.roles.findOneByName({ realm: 'master', name: 'admin' });
    await admin.users.addRealmRoleMappings({ realm: 'master', id: userId, roles: [{ id: role?.id as string, name: 'admin' }] });
  }

  function runCli(args: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<Run> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [cli, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
  }

  it('provisions a realm with a client-credentials admin client (KEYCLOAK_ADMIN_CLIENT_ID / _SECRET), and names the variable when its secret is wrong', async () => {
    const { realm, remove } = await createThrowawayRealm(keycloakUrl, 'setup-client-creds');
    removals.push(remove);
    const clientId = `sd-setup-admin-${randomBytes(4).toString('hex')}`;
    const { id } = await admin.clients.create({
      realm: 'master',
      clientId,
      publicClient: false,
      serviceAccountsEnabled: true,
      standardFlowEnabled: false,
      directAccessGrantsEnabled: false,
    });
    removals.push(() => admin.clients.del({ realm: 'master', id }));
    await makeMasterAdmin((await admin.clients.getServiceAccountUser({ realm: 'master', id })).id as string);
    const secret = (await admin.clients.getClientSecret({ realm: 'master', id })).value as string;

    const dir = mkdtempSync(path.join(tmpdir(), 'sd-setup-client-'));
    const home = mkdtempSync(path.join(tmpdir(), 'sd-setup-home-'));
    const args = ['--keycloak-url', keycloakUrl, '--realm', realm, '--public-url', PUBLIC_URL, '--env-path', 'desk.env'];
    const run = await runCli(args, cliEnv(home, { KEYCLOAK_ADMIN_CLIENT_ID: clientId, KEYCLOAK_ADMIN_CLIENT_SECRET: secret }), dir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`signed in as ${clientId}@master`);
    expect(run.stdout).toMatch(/^Applied \(\d+ changes\):/m);
    const [operator] = await admin.clients.find({ realm, clientId: 'session-desk' });
    expect(operator).toMatchObject({ publicClient: false, redirectUris: [`${PUBLIC_URL}/auth/callback`] });

    const envFile = path.join(dir, 'desk.env');
    expect(statSync(envFile).mode & 0o777).toBe(0o600);
    const written = readFileSync(envFile, 'utf8');
    expect(parseEnvFile(written)).toMatchObject({ KEYCLOAK_REALM: realm, OIDC_CLIENT_SECRET: (await admin.clients.getClientSecret({ realm, id: operator?.id as string })).value });
    // The admin client's credentials are used, never kept.
    expect(written).not.toContain(secret);
    expect(written).not.toContain(clientId);
    expect(filesUnder(dir)).toEqual(['desk.env']);
    expect(filesUnder(home)).toEqual([]);

    const again = await runCli(args, cliEnv(home, { KEYCLOAK_ADMIN_CLIENT_ID: clientId, KEYCLOAK_ADMIN_CLIENT_SECRET: secret }), dir);
    expect(again.stdout).toContain('no changes: Keycloak already has everything Session Desk needs.');

    const wrong = await runCli(args, cliEnv(home, { KEYCLOAK_ADMIN_CLIENT_ID: clientId, KEYCLOAK_ADMIN_CLIENT_SECRET: 'not-the-secret' }), dir);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(new RegExp(`^setup: Keycloak refused the admin credentials .*KEYCLOAK_ADMIN_CLIENT_ID / KEYCLOAK_ADMIN_CLIENT_SECRET \\(client "${clientId}" in realm "master"`));
  });

  it('asks for the admin username and password in a terminal, never echoes the password, and writes nothing but the env file (0600)', async () => {
    const { realm, remove } = await createThrowawayRealm(keycloakUrl, 'setup-prompt');
    removals.push(remove);
    const username = `sd-prompt-${randomBytes(4).toString('hex')}`;
    const password = `Pw-${randomBytes(12).toString('hex')}`;
    const { id: userId } = await admin.users.create({ realm: 'master', username, enabled: true, email: `${username}@example.com`, emailVerified: true, firstName: 'Prompt', lastName: 'Admin' });
    removals.push(() => admin.users.del({ realm: 'master', id: userId }));
    await admin.users.resetPassword({ realm: 'master', id: userId, credential: { type: 'password', value: password, temporary: false } });
    await makeMasterAdmin(userId);

    const dir = mkdtempSync(path.join(tmpdir(), 'sd-setup-prompt-'));
    const home = mkdtempSync(path.join(tmpdir(), 'sd-setup-home-'));
    const command = [process.execPath, cli, '--keycloak-url', keycloakUrl, '--realm', realm, '--public-url', PUBLIC_URL, '--env-path', 'desk.env']
      .map((word) => `'${word}'`)
      .join(' ');
    // `script` runs the CLI on a pseudo-terminal (stdin is a TTY, as for a person); this test types into it.
    const child = spawn('script', ['--quiet', '--return', '--command', command, '/dev/null'], { cwd: dir, env: cliEnv(home, { TERM: 'dumb' }), stdio: ['pipe', 'pipe', 'pipe'] });
    let screen = '';
    const waiters: Array<{ text: string; resolve: () => void }> = [];
    child.stdout.on('data', (chunk: Buffer) => {
      screen += chunk.toString();
      for (const waiter of waiters.filter((candidate) => screen.includes(candidate.text))) waiter.resolve();
    });
    child.stderr.on('data', (chunk: Buffer) => (screen += chunk.toString()));
    const shown = (text: string) => new Promise<void>((resolve) => (screen.includes(text) ? resolve() : waiters.push({ text, resolve })));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));

    await shown('Keycloak admin username (realm master): ');
    child.stdin.write(`${username}\r`);
    // Typed only once the prompt is up: the CLI has switched the terminal's echo off by then.
    await shown(`Password for ${username}: `);
    child.stdin.write(`${password}\r`);
    await shown('Wrote ');
    child.stdin.end();
    expect(await exited).toBe(0);

    expect(screen).toContain(`signed in as ${username}@master`);
    expect(screen).toContain(username);
    expect(screen).not.toContain(password);
    const [operator] = await admin.clients.find({ realm, clientId: 'session-desk' });
    expect(operator?.clientId).toBe('session-desk');

    expect(filesUnder(dir)).toEqual(['desk.env']);
    expect(filesUnder(home)).toEqual([]);
    const envFile = path.join(dir, 'desk.env');
    expect(statSync(envFile).mode & 0o777).toBe(0o600);
    const written = readFileSync(envFile, 'utf8');
    expect(parseEnvFile(written)).toMatchObject({ KEYCLOAK_REALM: realm, MANAGED_REALMS: realm });
    expect(written).not.toContain(password);
    expect(written).not.toContain(username);
  });
});
