import { createHash, randomBytes } from 'node:crypto';
import KcAdminClient from '@keycloak/keycloak-admin-client';
import type ClientRepresentation from '@keycloak/keycloak-admin-client/lib/defs/clientRepresentation.js';
import { connectAdmin, checkKeycloakAnswers, normaliseKeycloakUrl, type AdminCredentials } from './admin-connection.js';
import { adminStatus, describeNetworkFailure } from './errors.js';
import {
  REALM_MANAGEMENT_CLIENT,
  SERVICE_ACCOUNT_ROLE_USES,
  SUPPORTED_KEYCLOAK_MAJORS,
  consoleUrls,
  isSupportedKeycloakVersion,
} from './requirements.js';

/** What the console is configured with (the BFF's Config maps onto this one to one). */
export interface ConnectionSettings {
  /** Where the BFF reaches Keycloak (KEYCLOAK_URL), possibly with a path such as `/auth`. */
  keycloakUrl: string;
  /** The realm operators sign in to (KEYCLOAK_REALM). */
  operatorRealm: string;
  managedRealms: string[];
  operatorClient: { clientId: string; clientSecret: string };
  serviceClient: { clientId: string; clientSecret: string };
  /** The console's public origin (PUBLIC_URL). */
  publicUrl: string;
  /** Per HTTP call, in milliseconds (default 10,000). */
  timeoutMs?: number;
  /**
   * For the whole run, in milliseconds (default none: each call is bounded by `timeoutMs` alone). Past
   * it the report holds the checks finished so far plus a failed `deadline` check naming the step
   * Keycloak had not answered.
   */
  deadlineMs?: number;
  /** Optional Keycloak admin credentials; without them the checks use the service accounts only. */
  admin?: AdminCredentials;
}

export type CheckStatus = 'ok' | 'warn' | 'fail' | 'skip';

/** One line of the report; `fail` means something the console needs is missing. */
export interface ConnectionCheck {
  /** Stable id, e.g. `service-role:manage-users`. */
  id: string;
  /** The realm it is about, when it is about one. */
  realm?: string;
  status: CheckStatus;
  /** What was found, and when not ok, what to do. */
  message: string;
}

export interface ConnectionReport {
  ok: boolean;
  checks: ConnectionCheck[];
  /** e.g. `26.7.3`, when it could be read. */
  keycloakVersion?: string;
}

const BACKCHANNEL_EVENT_HINT = 'Run `npm run setup` again, or fix it in Keycloak\'s admin console';

interface TokenAnswer {
  access_token?: string;
  error?: string;
  error_description?: string;
}

function decodeClaims(token: string): Record<string, unknown> {
  const payload = token.split('.')[1] ?? '';
  try {
    return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/** The realm-management roles a token carries, or undefined when it carries no `resource_access` for it. */
function realmManagementRoles(token: string): string[] | undefined {
  const access = decodeClaims(token)['resource_access'] as Record<string, { roles?: string[] }> | undefined;
  return access?.[REALM_MANAGEMENT_CLIENT]?.roles;
}

/**
 * Checks a Keycloak connection the way the console uses it and reports each finding; never throws for a
 * finding (only for a programming error). `report.ok` is false when any check failed.
 *
 * Checks: Keycloak answers; per managed realm the service account gets a token and holds each
 * realm-management role (naming the missing ones) and events are saved; the operator client accepts
 * `PUBLIC_URL/auth/callback`, has PKCE S256, the configured secret and a back-channel logout URL
 * that the BFF answers (POST with an invalid token must get 400); the Keycloak version is supported.
 */
export async function checkConnection(settings: ConnectionSettings): Promise<ConnectionReport> {
  const checks: ConnectionCheck[] = [];
  let step = 'reaching Keycloak';
  const progress: Progress = {
    add: (check) => checks.push(check),
    step: (what) => {
      step = what;
    },
  };
  const run = runChecks(settings, progress, checks);
  if (settings.deadlineMs === undefined) return run;
  const deadlineMs = settings.deadlineMs;
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<ConnectionReport>((resolve) => {
    timer = setTimeout(() => {
      // Calls still under way end by their own timeouts; what they find later is not reported.
      const finished = [...checks];
      finished.push({
        id: 'deadline',
        status: 'fail',
        message: `Keycloak did not answer in time: the checks stopped after ${(deadlineMs / 1000).toFixed(1)} s while ${step}. Keycloak is slow or overloaded; the checks above are what it answered in time.`,
      });
      resolve({ ok: false, checks: finished });
    }, deadlineMs);
  });
  try {
    return await Promise.race([run, expired]);
  } finally {
    clearTimeout(timer);
  }
}

interface Progress {
  add: (check: ConnectionCheck) => void;
  /** What is being asked of Keycloak now, for the deadline's message ("reading realm x's events settings"). */
  step: (what: string) => void;
}

async function runChecks(settings: ConnectionSettings, progress: Progress, checks: ConnectionCheck[]): Promise<ConnectionReport> {
  const { add, step } = progress;
  const timeoutMs = settings.timeoutMs ?? 10_000;
  const baseUrl = normaliseKeycloakUrl(settings.keycloakUrl);
  const urls = consoleUrls(settings.publicUrl);
  const signal = () => AbortSignal.timeout(timeoutMs);

  try {
    await checkKeycloakAnswers(baseUrl, settings.operatorRealm, timeoutMs);
    add({ id: 'keycloak', status: 'ok', message: `Keycloak answers at ${baseUrl} (realm ${settings.operatorRealm})` });
  } catch (err) {
    add({ id: 'keycloak', status: 'fail', message: err instanceof Error ? err.message : String(err) });
    return { ok: false, checks };
  }

  // Admin credentials are optional; when given they read the operator client and the server version.
  let admin: KcAdminClient | undefined;
  if (settings.admin) {
    step('signing in with the admin credentials');
    try {
      admin = (await connectAdmin(baseUrl, settings.admin, timeoutMs)).client;
    } catch (err) {
      add({ id: 'admin', status: 'fail', message: `the admin credentials given to doctor do not work: ${err instanceof Error ? err.message : String(err)}` });
    }
  }

  const serviceClients = new Map<string, KcAdminClient>();
  for (const realm of settings.managedRealms) {
    const client = await checkServiceAccount(baseUrl, realm, settings, timeoutMs, progress);
    if (client) serviceClients.set(realm, client);
  }

  // The operator client, read with the admin credentials, or the operator realm's service account (view-clients).
  const reader = admin ?? serviceClients.get(settings.operatorRealm);
  step(`checking client ${settings.operatorClient.clientId} in realm ${settings.operatorRealm}`);
  await checkOperatorClient(baseUrl, settings, urls, reader, signal, add);
  step(`posting a test logout token to ${urls.backchannelLogoutUrl}`);
  await checkBackchannelLogout(urls.backchannelLogoutUrl, signal, add);

  const versionReader = admin ?? serviceClients.values().next().value;
  let keycloakVersion: string | undefined;
  if (versionReader) {
    step('reading the server version');
    try {
      keycloakVersion = (await versionReader.serverInfo.find()).systemInfo?.version;
    } catch (err) {
      add({ id: 'keycloak-version', status: 'skip', message: `could not read the server info (HTTP ${adminStatus(err) ?? describeNetworkFailure(err)}); give doctor admin credentials to read it` });
    }
  }
  if (keycloakVersion) {
    const supported = isSupportedKeycloakVersion(keycloakVersion);
    add({
      id: 'keycloak-version',
      status: supported ? 'ok' : 'warn',
      message: supported
        ? `Keycloak ${keycloakVersion} (supported: ${SUPPORTED_KEYCLOAK_MAJORS.join(', ')})`
        : `Keycloak ${keycloakVersion} is not among the tested majors ${SUPPORTED_KEYCLOAK_MAJORS.join(', ')}; it may work, but nothing proves it`,
    });
  } else if (!checks.some((check) => check.id === 'keycloak-version')) {
    add({ id: 'keycloak-version', status: 'skip', message: 'no working service account or admin credentials to read the server version with' });
  }
  return { ok: !checks.some((check) => check.status === 'fail'), checks, keycloakVersion };
}

async function checkServiceAccount(
  baseUrl: string,
  realm: string,
  settings: ConnectionSettings,
  timeoutMs: number,
  { add, step }: Progress,
): Promise<KcAdminClient | undefined> {
  const { clientId, clientSecret } = settings.serviceClient;
  step(`asking for realm ${realm}'s service account token`);
  let answer: TokenAnswer;
  let status: number;
  try {
    const response = await fetch(`${baseUrl}/realms/${encodeURIComponent(realm)}/protocol/openid-connect/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    status = response.status;
    answer = (await response.json().catch(() => ({}))) as TokenAnswer;
  } catch (err) {
    add({ id: 'service-token', realm, status: 'fail', message: `realm ${realm}: the token endpoint did not answer (${describeNetworkFailure(err)})` });
    return undefined;
  }
  if (!answer.access_token) {
    const hint =
      status === 404
        ? `realm ${realm} does not exist: fix MANAGED_REALMS or create the realm`
        : /service account/i.test(answer.error_description ?? '')
          ? `client ${clientId} has "Service accounts" off in realm ${realm}: ${BACKCHANNEL_EVENT_HINT}`
          : `client ${clientId} is missing in realm ${realm}, disabled, or its secret differs from SERVICE_CLIENT_SECRET: run \`npm run setup\` (it creates the client and writes the secret to the env file)`;
    add({ id: 'service-token', realm, status: 'fail', message: `realm ${realm}: the service account got no token (HTTP ${status} ${answer.error ?? ''}); ${hint}` });
    return undefined;
  }
  add({ id: 'service-token', realm, status: 'ok', message: `realm ${realm}: service account ${clientId} gets a token` });
  const token = answer.access_token;
  const client = new KcAdminClient({ baseUrl, realmName: realm, timeout: timeoutMs });
  client.setAccessToken(token);

  let held = realmManagementRoles(token);
  if (!held) {
    step(`reading the service account's roles in realm ${realm}`);
    // The token does not list its roles (no "roles" scope): ask Keycloak for the effective mappings.
    try {
      const subject = String(decodeClaims(token)['sub'] ?? '');
      const [management] = await client.clients.find({ realm, clientId: REALM_MANAGEMENT_CLIENT });
      held = management?.id
        ? (await client.users.listCompositeClientRoleMappings({ realm, id: subject, clientUniqueId: management.id })).map((role) => role.name ?? '')
        : [];
    } catch {
      held = [];
    }
  }
  for (const { role, usedFor } of SERVICE_ACCOUNT_ROLE_USES) {
    const has = held.includes(role);
    add({
      id: `service-role:${role}`,
      realm,
      status: has ? 'ok' : 'fail',
      message: has
        ? `realm ${realm}: service account holds ${role}`
        : `realm ${realm}: the service account lacks the realm-management role ${role}, needed for ${usedFor}. Grant it to service-account-${clientId} (Clients → ${clientId} → Service account roles) or run \`npm run setup\``,
    });
  }

  step(`reading realm ${realm}'s events settings`);
  try {
    const events = await client.realms.getConfigEvents({ realm });
    const saved = (id: string, on: boolean | undefined, off: 'fail' | 'warn', what: string, page: string, turnOn: string) =>
      add({
        id,
        realm,
        status: on ? 'ok' : off,
        message: on
          ? `realm ${realm}: ${what} are saved`
          : `realm ${realm}: ${what} are not saved, so the ${page} stays empty. Turn on ${turnOn} or run \`npm run setup\``,
      });
    saved('events', events.eventsEnabled, 'fail', 'login events', 'events page', '"Save events" (Realm settings → Events)');
    saved('admin-events', events.adminEventsEnabled, 'warn', 'admin events', 'admin events page', '"Save admin events"');
  } catch (err) {
    add({ id: 'events', realm, status: 'fail', message: `realm ${realm}: could not read the events settings (HTTP ${adminStatus(err) ?? describeNetworkFailure(err)})` });
  }
  return client;
}

async function checkOperatorClient(
  baseUrl: string,
  settings: ConnectionSettings,
  urls: ReturnType<typeof consoleUrls>,
  reader: KcAdminClient | undefined,
  signal: () => AbortSignal,
  add: (check: ConnectionCheck) => void,
): Promise<void> {
  const realm = settings.operatorRealm;
  const { clientId, clientSecret } = settings.operatorClient;
  // What a browser does at sign-in: Keycloak answers 400 "Invalid parameter: redirect_uri" when it does not match.
  // With every parameter the console's sign-in sends (PKCE S256, state, nonce): without one, Keycloak
  // records a LOGIN_ERROR event ("Missing parameter: code_challenge_method") at each check.
  const authorize = new URL(`${baseUrl}/realms/${encodeURIComponent(realm)}/protocol/openid-connect/auth`);
  const codeChallenge = createHash('sha256').update(randomBytes(32).toString('base64url')).digest('base64url');
  authorize.search = new URLSearchParams({
    client_id: clientId,
    redirect_uri: urls.redirectUri,
    response_type: 'code',
    scope: 'openid',
    code_challenge: codeChallenge,
    code_challenge_method: 'S256',
    state: randomBytes(16).toString('base64url'),
    nonce: randomBytes(16).toString('base64url'),
  }).toString();
  try {
    const response = await fetch(authorize, { redirect: 'manual', signal: signal() });
    const body = await response.text();
    if (response.status === 200 || response.status === 302 || response.status === 303) {
      add({ id: 'redirect-uri', realm, status: 'ok', message: `client ${clientId} accepts the redirect URI ${urls.redirectUri}` });
    } else {
      const cause = /redirect_uri/i.test(body)
        ? `Keycloak does not accept the redirect URI ${urls.redirectUri} (PUBLIC_URL ${urls.origin}); add it to client ${clientId}'s valid redirect URIs or run \`npm run setup --public-url ${urls.origin}\``
        : /client not found/i.test(body)
          ? `client ${clientId} does not exist in realm ${realm}: run \`npm run setup\``
          : `the authorization endpoint answered HTTP ${response.status}`;
      add({ id: 'redirect-uri', realm, status: 'fail', message: cause });
    }
  } catch (err) {
    add({ id: 'redirect-uri', realm, status: 'fail', message: `the authorization endpoint did not answer (${describeNetworkFailure(err)})` });
  }

  if (!reader) {
    add({
      id: 'operator-client',
      realm,
      status: 'skip',
      message: `client ${clientId}'s settings (PKCE, secret, back-channel logout URL) not read: realm ${realm} is not managed and doctor has no admin credentials (KEYCLOAK_ADMIN_USERNAME / KEYCLOAK_ADMIN_PASSWORD)`,
    });
    return;
  }
  let client: ClientRepresentation | undefined;
  let secret: string | undefined;
  try {
    client = (await reader.clients.find({ realm, clientId })).find((candidate) => candidate.clientId === clientId);
    if (client?.id) secret = (await reader.clients.getClientSecret({ realm, id: client.id })).value;
  } catch (err) {
    add({ id: 'operator-client', realm, status: 'skip', message: `could not read client ${clientId} (HTTP ${adminStatus(err) ?? describeNetworkFailure(err)})` });
    return;
  }
  if (!client) {
    add({ id: 'operator-client', realm, status: 'fail', message: `client ${clientId} does not exist in realm ${realm}: run \`npm run setup\`` });
    return;
  }
  const problems: string[] = [];
  if (client.enabled === false) problems.push('it is disabled');
  if (client.publicClient) problems.push('it is public (it must be confidential)');
  if (!client.standardFlowEnabled) problems.push('the standard (authorization code) flow is off');
  if (client.attributes?.['pkce.code.challenge.method'] !== 'S256') problems.push('PKCE is not required with S256');
  if (secret !== undefined && secret !== clientSecret) problems.push('its secret differs from OIDC_CLIENT_SECRET');
  add({
    id: 'operator-client',
    realm,
    status: problems.length ? 'fail' : 'ok',
    message: problems.length ? `client ${clientId}: ${problems.join('; ')}. ${BACKCHANNEL_EVENT_HINT}` : `client ${clientId}: confidential, code flow with PKCE S256, secret matches`,
  });

  const configured = client.attributes?.['backchannel.logout.url'];
  const sessionRequired = client.attributes?.['backchannel.logout.session.required'] === 'true';
  const okUrl = configured === urls.backchannelLogoutUrl;
  add({
    id: 'backchannel-logout-url',
    realm,
    status: okUrl && sessionRequired ? 'ok' : 'fail',
    message:
      okUrl && sessionRequired
        ? `client ${clientId}: back-channel logout URL ${configured} (session required)`
        : `client ${clientId}: back-channel logout URL is ${configured ? `"${configured}"` : 'not set'}${sessionRequired ? '' : ' and "session required" is off'}; ` +
          `it must be ${urls.backchannelLogoutUrl} with "Backchannel logout session required" on, or the console keeps sessions Keycloak ended. ${BACKCHANNEL_EVENT_HINT}`,
  });
}

/** POSTs an invalid logout token to the BFF as Keycloak would; the BFF must refuse it with 400. */
async function checkBackchannelLogout(url: string, signal: () => AbortSignal, add: (check: ConnectionCheck) => void): Promise<void> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ logout_token: 'not-a-jwt' }),
      redirect: 'manual',
      signal: signal(),
    });
    await response.body?.cancel();
    if (response.status === 400) {
      add({ id: 'backchannel-logout', status: 'ok', message: `POST ${url} reaches the console (an invalid logout token is refused with 400)` });
    } else if (response.status === 404) {
      add({ id: 'backchannel-logout', status: 'fail', message: `POST ${url} answered 404: the console there does not implement back-channel logout, or a proxy does not forward it` });
    } else if (response.status === 429) {
      add({
        id: 'backchannel-logout',
        status: 'warn',
        message: `POST ${url} reaches the console, but it answered 429: too many invalid logout tokens came from this address in the last minute, so Keycloak's own logouts from it are refused for now too (RATE_LIMIT_BACKCHANNEL_FAILURES_PER_MINUTE)`,
      });
    } else if (response.status === 403) {
      add({ id: 'backchannel-logout', status: 'fail', message: `POST ${url} answered 403: the console (or a proxy) refuses Keycloak's form POST there; back-channel logout must be implemented and exempt from the CSRF check` });
    } else {
      add({ id: 'backchannel-logout', status: 'fail', message: `POST ${url} answered HTTP ${response.status}, not the console's 400 for an invalid logout token: check the proxy in front of the console` });
    }
  } catch (err) {
    add({
      id: 'backchannel-logout',
      status: 'warn',
      message: `the console is not reachable at ${url} from here (${describeNetworkFailure(err)}); start it (npm start) and run doctor again`,
    });
  }
}
