import { BOOTSTRAP_ADMIN } from './start-command.ts';
import { demoRealm } from './demo-realm.ts';

export interface TokenSet {
  access_token: string;
  refresh_token: string;
  session_state?: string;
  id_token?: string;
}

export interface PasswordLoginArgs {
  url: string;
  realm?: string;
  clientId: string;
  clientSecret?: string;
  username: string;
  password: string;
  /** Adds `offline_access` to the scope, creating an offline session. */
  offline?: boolean;
  /**
   * Sent as `X-Forwarded-For`: the address Keycloak records for the session, when it trusts the
   * header from this caller (the local instances do: see start-command.ts).
   */
  forwardedFor?: string;
}

export class KeycloakHttpError extends Error {
  readonly status: number;

  constructor(message: string, status: number) {
    super(message);
    this.name = 'KeycloakHttpError';
    this.status = status;
  }
}

type Json = Record<string, unknown>;

function isJsonObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function tokenEndpoint(url: string, realm: string): string {
  return `${url}/realms/${encodeURIComponent(realm)}/protocol/openid-connect/token`;
}

/** Error messages carry Keycloak's error code and description, never a token. */
async function tokenRequest(url: string, realm: string, form: Record<string, string>, forwardedFor?: string): Promise<Json> {
  const response = await fetch(tokenEndpoint(url, realm), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}) },
    body: new URLSearchParams(form),
  });
  const body: unknown = await response.json().catch(() => undefined);
  const json = isJsonObject(body) ? body : {};
  if (!response.ok || typeof json['access_token'] !== 'string') {
    const detail = [optionalString(json['error']), optionalString(json['error_description'])].filter(Boolean).join(': ');
    throw new KeycloakHttpError(
      `Token request (${form['grant_type']}, client ${form['client_id']}) to realm ${realm} failed with HTTP ${response.status}${detail ? ` (${detail})` : ''}.`,
      response.status,
    );
  }
  return json;
}

export async function masterAdminToken(url: string): Promise<string> {
  const json = await tokenRequest(url, 'master', {
    grant_type: 'password',
    client_id: 'admin-cli',
    username: BOOTSTRAP_ADMIN.username,
    password: BOOTSTRAP_ADMIN.password,
  });
  return json['access_token'] as string;
}

export async function passwordLogin(args: PasswordLoginArgs): Promise<TokenSet> {
  const form: Record<string, string> = {
    grant_type: 'password',
    client_id: args.clientId,
    username: args.username,
    password: args.password,
    scope: args.offline ? 'openid offline_access' : 'openid',
  };
  if (args.clientSecret) form['client_secret'] = args.clientSecret;
  const json = await tokenRequest(args.url, args.realm ?? demoRealm.realm, form, args.forwardedFor);
  const tokens: TokenSet = {
    access_token: json['access_token'] as string,
    refresh_token: optionalString(json['refresh_token']) ?? '',
  };
  const sessionState = optionalString(json['session_state']);
  const idToken = optionalString(json['id_token']);
  if (sessionState) tokens.session_state = sessionState;
  if (idToken) tokens.id_token = idToken;
  return tokens;
}

export async function clientCredentialsToken(args: {
  url: string;
  realm?: string;
  clientId: string;
  clientSecret: string;
}): Promise<string> {
  const json = await tokenRequest(args.url, args.realm ?? demoRealm.realm, {
    grant_type: 'client_credentials',
    client_id: args.clientId,
    client_secret: args.clientSecret,
  });
  return json['access_token'] as string;
}

/** GET {url}/admin/realms/{path}; resolves with the parsed JSON, rejects with the HTTP status otherwise. */
export async function adminGet(url: string, token: string, path: string): Promise<unknown> {
  const response = await fetch(`${url}/admin/realms/${path}`, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) {
    await response.body?.cancel();
    throw new KeycloakHttpError(`GET /admin/realms/${path} failed with HTTP ${response.status}.`, response.status);
  }
  return response.json();
}

export interface SessionTotals {
  active: number;
  offline: number;
  perClient: Array<{ clientId: string; active: number; offline: number }>;
}

/** Sums `client-session-stats`, whose counts Keycloak returns as strings. */
export async function clientSessionTotals(url: string, token: string, realm: string = demoRealm.realm): Promise<SessionTotals> {
  const stats = await adminGet(url, token, `${encodeURIComponent(realm)}/client-session-stats`);
  const perClient = (Array.isArray(stats) ? stats : []).filter(isJsonObject).map((s) => ({
    clientId: String(s['clientId']),
    active: Number(s['active'] ?? 0),
    offline: Number(s['offline'] ?? 0),
  }));
  return {
    active: perClient.reduce((sum, c) => sum + c.active, 0),
    offline: perClient.reduce((sum, c) => sum + c.offline, 0),
    perClient,
  };
}
