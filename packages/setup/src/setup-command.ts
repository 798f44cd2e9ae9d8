import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { connectAdmin, type AdminCredentials } from './admin-connection.js';
import { mergeEnvFile, readEnvFile, writeEnvFile, type EnvValues } from './env-file.js';
import type { SetupEnvironment } from './env.js';
import { SetupError } from './errors.js';
import { provision, type Change } from './provision.js';
import { DEFAULT_OPERATOR_CLIENT_ID, DEFAULT_SERVICE_CLIENT_ID, consoleUrls } from './requirements.js';

export const SETUP_USAGE = `Usage: npm run setup -- --keycloak-url URL --realm REALM --public-url URL [options]

Provisions an existing Keycloak for Session Desk and writes the console's env file.

  --keycloak-url URL        where Keycloak answers, with its path if any (e.g. https://sso.example.com/auth)  [KEYCLOAK_URL]
  --realm NAME              the realm operators sign in to                                                     [KEYCLOAK_REALM]
  --managed-realms A,B      realms the console manages (default: --realm)                                    [MANAGED_REALMS]
  --public-url URL          the console's public origin (e.g. https://desk.example.com)                     [PUBLIC_URL]
  --keycloak-public-url URL where browsers reach Keycloak, when it differs from --keycloak-url                [KEYCLOAK_PUBLIC_URL]
  --operator-client-id ID   default ${DEFAULT_OPERATOR_CLIENT_ID}                                                        [OIDC_CLIENT_ID]
  --service-client-id ID    default ${DEFAULT_SERVICE_CLIENT_ID}                                                [SERVICE_CLIENT_ID]
  --groups                  also create groups session-desk-admins / -helpdesk / -auditors carrying the roles
  --no-events               leave the realms' event settings alone (default: turn login and admin events on)
  --env-path PATH           where to write the console's configuration, mode 0600 (default .env)
  --dry-run                 print the plan; change nothing, write nothing

Admin credentials (never written anywhere), from the environment:
  KEYCLOAK_ADMIN_USERNAME + KEYCLOAK_ADMIN_PASSWORD   a user of KEYCLOAK_ADMIN_REALM (default master), via admin-cli
  KEYCLOAK_ADMIN_CLIENT_ID + KEYCLOAK_ADMIN_CLIENT_SECRET   an admin client with a service account (client credentials)
or, in a terminal, asked for.`;

export interface SetupIo {
  out: (line: string) => void;
  /** Asks for a value; `secret` hides what is typed. Undefined when nobody can answer (no terminal). */
  ask?: (question: string, secret: boolean) => Promise<string>;
}

export interface SetupOutcome {
  changes: Change[];
  envFile: string;
  envFileChanged: boolean;
  env: EnvValues;
}

function adminCredentials(env: SetupEnvironment): AdminCredentials | undefined {
  const realm = env.KEYCLOAK_ADMIN_REALM ?? 'master';
  if (env.KEYCLOAK_ADMIN_CLIENT_ID && env.KEYCLOAK_ADMIN_CLIENT_SECRET) {
    return { kind: 'client', realm, clientId: env.KEYCLOAK_ADMIN_CLIENT_ID, clientSecret: env.KEYCLOAK_ADMIN_CLIENT_SECRET };
  }
  if (env.KEYCLOAK_ADMIN_USERNAME && env.KEYCLOAK_ADMIN_PASSWORD) {
    return { kind: 'password', realm, username: env.KEYCLOAK_ADMIN_USERNAME, password: env.KEYCLOAK_ADMIN_PASSWORD };
  }
  return undefined;
}

/**
 * The port the BFF must listen on when the public URL is plain HTTP on this machine with an explicit
 * port (`http://localhost:3456` → `3456`); undefined otherwise (behind a proxy, PORT is the proxy's business).
 */
export function listenPortFor(publicUrl: URL): string | undefined {
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(publicUrl.hostname);
  return publicUrl.protocol === 'http:' && loopback && publicUrl.port ? publicUrl.port : undefined;
}

function realmList(value: string): string[] {
  const realms = value.split(',').map((item) => item.trim()).filter(Boolean);
  for (const realm of realms) {
    if (!/^[A-Za-z0-9._-]{1,64}$/.test(realm)) throw new SetupError('invalid_input', `"${realm}" is not a realm name (letters, digits, . _ - only).`);
  }
  return realms;
}

function describe(changes: Change[]): string[] {
  return changes.flatMap((change) => [`  [${change.realm}] ${change.subject}`, ...change.details.map((detail) => `        ${detail}`)]);
}

/**
 * `npm run setup`: parses `argv`, signs in as the Keycloak admin, plans and applies the changes, and
 * writes the env file. Throws a SetupError (what is wrong, what to do) or returns what it did.
 */
export async function runSetup(argv: string[], env: SetupEnvironment, io: SetupIo): Promise<SetupOutcome | undefined> {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowNegative: true,
    options: {
      'keycloak-url': { type: 'string' },
      realm: { type: 'string' },
      'managed-realms': { type: 'string' },
      'public-url': { type: 'string' },
      'keycloak-public-url': { type: 'string' },
      'operator-client-id': { type: 'string' },
      'service-client-id': { type: 'string' },
      groups: { type: 'boolean', default: false },
      events: { type: 'boolean', default: true },
      'env-path': { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    io.out(SETUP_USAGE);
    return undefined;
  }
  const keycloakUrl = values['keycloak-url'] ?? env.KEYCLOAK_URL;
  const realm = values.realm ?? env.KEYCLOAK_REALM;
  const publicUrlRaw = values['public-url'] ?? env.PUBLIC_URL;
  const missing = [
    ...(keycloakUrl ? [] : ['--keycloak-url (or KEYCLOAK_URL)']),
    ...(realm ? [] : ['--realm (or KEYCLOAK_REALM)']),
    ...(publicUrlRaw ? [] : ['--public-url (or PUBLIC_URL)']),
  ];
  if (!keycloakUrl || !realm || !publicUrlRaw) throw new SetupError('invalid_input', `Missing ${missing.join(', ')}.\n\n${SETUP_USAGE}`);
  realmList(realm);
  const managedRealms = realmList(values['managed-realms'] ?? env.MANAGED_REALMS ?? realm);
  let publicUrl: URL;
  try {
    publicUrl = new URL(publicUrlRaw);
  } catch {
    throw new SetupError('invalid_input', `--public-url "${publicUrlRaw}" is not a URL; give the console's origin, e.g. https://desk.example.com.`);
  }
  if (publicUrl.pathname !== '/' || publicUrl.search) {
    throw new SetupError('invalid_input', `--public-url must be an origin without a path (the console is served at /), got "${publicUrlRaw}".`);
  }
  const operatorClientId = values['operator-client-id'] ?? env.OIDC_CLIENT_ID ?? DEFAULT_OPERATOR_CLIENT_ID;
  const serviceClientId = values['service-client-id'] ?? env.SERVICE_CLIENT_ID ?? DEFAULT_SERVICE_CLIENT_ID;
  const envFile = path.resolve(env.INIT_CWD ?? process.cwd(), values['env-path'] ?? '.env');
  const dryRun = values['dry-run'];

  let credentials = adminCredentials(env);
  if (!credentials && io.ask) {
    const adminRealm = env.KEYCLOAK_ADMIN_REALM ?? 'master';
    const username = await io.ask(`Keycloak admin username (realm ${adminRealm}): `, false);
    const password = await io.ask(`Password for ${username}: `, true);
    credentials = { kind: 'password', realm: adminRealm, username, password };
  }
  if (!credentials) {
    throw new SetupError(
      'invalid_input',
      'No Keycloak admin credentials. Set KEYCLOAK_ADMIN_USERNAME and KEYCLOAK_ADMIN_PASSWORD (a master-realm admin), or KEYCLOAK_ADMIN_CLIENT_ID and KEYCLOAK_ADMIN_CLIENT_SECRET, or run setup in a terminal to be asked.',
    );
  }

  const connection = await connectAdmin(keycloakUrl, credentials);
  const version = await connection.client.serverInfo
    .find()
    .then((info) => info.systemInfo?.version)
    .catch(() => undefined);
  io.out(`Keycloak ${version ?? '(version not readable)'} at ${connection.baseUrl}, signed in as ${connection.principal}`);
  io.out(`Operator realm ${realm}; managed realm${managedRealms.length > 1 ? 's' : ''} ${managedRealms.join(', ')}; console at ${publicUrl.origin}`);
  if (publicUrl.protocol !== 'https:') {
    io.out(`Warning: ${publicUrl.origin} is not HTTPS: \`npm start\` (production) refuses it unless ALLOW_INSECURE_PUBLIC_URL=true is set too (fine for a trial on localhost: ALLOW_INSECURE_PUBLIC_URL=true npm start).`);
  }

  const result = await provision(
    connection,
    { operatorRealm: realm, managedRealms, publicUrl: publicUrl.origin, operatorClientId, serviceClientId, groups: values.groups, events: values.events },
    dryRun,
  );
  if (result.changes.length === 0) {
    io.out('no changes: Keycloak already has everything Session Desk needs.');
  } else {
    io.out(`${dryRun ? 'Plan' : 'Applied'} (${result.changes.length} change${result.changes.length > 1 ? 's' : ''}):`);
    for (const line of describe(result.changes)) io.out(line);
  }

  const previous = readEnvFile(envFile);
  const keycloakPublicUrl = values['keycloak-public-url'] ?? env.KEYCLOAK_PUBLIC_URL;
  const trialPort = listenPortFor(publicUrl);
  const envValues: EnvValues = {
    PUBLIC_URL: consoleUrls(publicUrl.origin).origin,
    KEYCLOAK_URL: connection.baseUrl,
    ...(keycloakPublicUrl ? { KEYCLOAK_PUBLIC_URL: keycloakPublicUrl.replace(/\/+$/, '') } : {}),
    KEYCLOAK_REALM: realm,
    MANAGED_REALMS: managedRealms.join(','),
    OIDC_CLIENT_ID: operatorClientId,
    OIDC_CLIENT_SECRET: result.operatorClientSecret ?? '(created by setup)',
    SERVICE_CLIENT_ID: serviceClientId,
    SERVICE_CLIENT_SECRET: result.serviceClientSecret ?? '(created by setup)',
    // A console on this machine with no proxy in between (a trial): the BFF must listen on that very port.
    ...(trialPort ? { PORT: trialPort } : {}),
    // Kept across runs: a new secret would sign every operator out.
    SESSION_SECRET: previous.values['SESSION_SECRET'] && previous.values['SESSION_SECRET'].length >= 32 ? previous.values['SESSION_SECRET'] : randomBytes(32).toString('base64url'),
  };
  const text = mergeEnvFile(previous.text, envValues, 'Session Desk configuration written by `npm run setup` (secrets: keep this file mode 0600).\nRead by `npm start`, `npm run doctor` and the systemd unit (docs/session-desk.service).');
  if (dryRun) {
    io.out(`Would ${previous.text === text ? 'leave' : previous.text === undefined ? 'create' : 'update'} ${envFile} (mode 0600) with ${Object.keys(envValues).join(', ')}.`);
    return { changes: result.changes, envFile, envFileChanged: false, env: envValues };
  }
  const written = writeEnvFile(envFile, text);
  io.out(written.changed ? `Wrote ${written.path} (mode 0600).` : `${written.path} unchanged.`);
  if (result.changes.length > 0) {
    io.out(`Next: give operators a role (client ${operatorClientId} → roles admin, helpdesk, auditor${values.groups ? ', or the session-desk-* groups' : ''}), then npm run build, npm run doctor, npm start.`);
  }
  return { changes: result.changes, envFile: written.path, envFileChanged: written.changed, env: envValues };
}
