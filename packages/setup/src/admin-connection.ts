import KcAdminClient from '@keycloak/keycloak-admin-client';
import { SetupError, describeNetworkFailure } from './errors.js';

/** How setup signs in to the Admin API: a user (password grant on `admin-cli`) or an admin client (client credentials). */
export type AdminCredentials =
  | { kind: 'password'; realm: string; username: string; password: string; clientId?: string }
  | { kind: 'client'; realm: string; clientId: string; clientSecret: string };

export interface AdminConnection {
  /** The official admin client, authenticated; set `realmName` per call or pass `realm` in payloads. */
  client: KcAdminClient;
  /** The Keycloak base URL without a trailing slash (may end in a path such as `/auth`). */
  baseUrl: string;
  /** Who signed in, for messages: `admin@master`. */
  principal: string;
}

/** The Keycloak base URL as given, without trailing slashes; throws a SetupError when it is not an http(s) URL. */
export function normaliseKeycloakUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new SetupError('invalid_input', `The Keycloak URL "${raw}" is not a URL; give it as https://keycloak.example.com (add /auth if Keycloak serves under /auth).`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new SetupError('invalid_input', `The Keycloak URL must be http or https, got "${raw}".`);
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

async function probe(url: string, timeoutMs: number): Promise<number> {
  const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  await response.body?.cancel();
  return response.status;
}

/**
 * Checks that Keycloak answers at `baseUrl` for `realm`. Throws a SetupError: `unreachable` (no answer),
 * `wrong_url` (an answer, but no Keycloak realm there; suggests `/auth` when that is the fix), or `realm_missing`.
 */
export async function checkKeycloakAnswers(baseUrl: string, realm: string, timeoutMs = 10_000): Promise<void> {
  const discovery = (base: string) => `${base}/realms/${encodeURIComponent(realm)}/.well-known/openid-configuration`;
  let status: number;
  try {
    status = await probe(discovery(baseUrl), timeoutMs);
  } catch (err) {
    throw new SetupError(
      'unreachable',
      `Keycloak is not reachable at ${baseUrl} (${describeNetworkFailure(err)}). Check the URL (--keycloak-url or KEYCLOAK_URL), that Keycloak runs, and that this machine can reach it.`,
    );
  }
  if (status === 200) return;
  if (status === 404) {
    const withAuth = await probe(discovery(`${baseUrl}/auth`), timeoutMs).catch(() => 0);
    if (withAuth === 200) {
      throw new SetupError('wrong_url', `Keycloak serves under /auth here: use --keycloak-url ${baseUrl}/auth (and KEYCLOAK_URL=${baseUrl}/auth).`);
    }
    const master = realm === 'master' ? 404 : await probe(discovery(baseUrl).replace(`/realms/${encodeURIComponent(realm)}/`, '/realms/master/'), timeoutMs).catch(() => 0);
    if (master === 200) throw new SetupError('realm_missing', `Realm "${realm}" does not exist at ${baseUrl}. Create it first, or fix the realm name.`);
  }
  throw new SetupError(
    'wrong_url',
    `${baseUrl} answered HTTP ${status} for realm "${realm}"'s OpenID configuration: this is not a Keycloak base URL, or realm "${realm}" does not exist. ` +
      'Give the URL Keycloak is served at, including a path such as /auth if it has one.',
  );
}

interface TokenAnswer {
  access_token?: string;
  expires_in?: number;
  error?: string;
  error_description?: string;
}

/**
 * Signs in to Keycloak's Admin API. Tokens are fetched again shortly before they expire (the master
 * realm's `admin-cli` token lives about 60 s). Throws a SetupError naming the cause: unreachable,
 * wrong URL, missing realm or bad credentials.
 */
export async function connectAdmin(keycloakUrl: string, credentials: AdminCredentials, timeoutMs = 10_000): Promise<AdminConnection> {
  const baseUrl = normaliseKeycloakUrl(keycloakUrl);
  await checkKeycloakAnswers(baseUrl, credentials.realm, timeoutMs);
  const tokenUrl = `${baseUrl}/realms/${encodeURIComponent(credentials.realm)}/protocol/openid-connect/token`;
  const form: Record<string, string> =
    credentials.kind === 'password'
      ? { grant_type: 'password', client_id: credentials.clientId ?? 'admin-cli', username: credentials.username, password: credentials.password }
      : { grant_type: 'client_credentials', client_id: credentials.clientId, client_secret: credentials.clientSecret };
  const principal = `${credentials.kind === 'password' ? credentials.username : credentials.clientId}@${credentials.realm}`;

  let cached: { token: string; expiresAt: number } | undefined;
  const fetchToken = async (): Promise<string> => {
    if (cached && cached.expiresAt - 10_000 > Date.now()) return cached.token;
    let response: Response;
    try {
      response = await fetch(tokenUrl, { method: 'POST', body: new URLSearchParams(form), signal: AbortSignal.timeout(timeoutMs) });
    } catch (err) {
      throw new SetupError('unreachable', `Keycloak's token endpoint ${tokenUrl} did not answer (${describeNetworkFailure(err)}).`);
    }
    const answer = (await response.json().catch(() => ({}))) as TokenAnswer;
    if (!response.ok || !answer.access_token) {
      const which =
        credentials.kind === 'password'
          ? `KEYCLOAK_ADMIN_USERNAME / KEYCLOAK_ADMIN_PASSWORD (user "${credentials.username}" in realm "${credentials.realm}")`
          : `KEYCLOAK_ADMIN_CLIENT_ID / KEYCLOAK_ADMIN_CLIENT_SECRET (client "${credentials.clientId}" in realm "${credentials.realm}", which needs "Service accounts" on)`;
      throw new SetupError(
        'bad_credentials',
        `Keycloak refused the admin credentials (HTTP ${response.status} ${answer.error ?? ''}: ${answer.error_description ?? 'no description'}). Check ${which}.`,
      );
    }
    cached = { token: answer.access_token, expiresAt: Date.now() + (answer.expires_in ?? 60) * 1000 };
    return cached.token;
  };
  await fetchToken();

  const client = new KcAdminClient({ baseUrl, realmName: credentials.realm, timeout: timeoutMs });
  client.registerTokenProvider({ getAccessToken: fetchToken });
  return { client, baseUrl, principal };
}
