import { KeycloakHttpError, adminGet, masterAdminToken } from './admin-api.ts';
import { demoRealm } from './demo-realm.ts';

export interface BackchannelTarget {
  /** Keycloak base URL, e.g. `http://localhost:8080`. */
  url: string;
  /** The console's public origin, e.g. `http://localhost:3100`; Keycloak posts logout tokens to `{consoleUrl}/auth/backchannel-logout`. */
  consoleUrl: string;
  realm?: string;
  /** The operator sign-in client; default the demo realm's `session-desk`. */
  clientId?: string;
  /** Where Keycloak posts logout tokens, when not `{consoleUrl}/auth/backchannel-logout`. */
  backchannelUrl?: string;
}

/**
 * The back-channel logout URL of the test instance's operator client: a port nothing listens on (9,
 * discard), so the logouts the tests cause reach no console. The realm file names the demo's :3000,
 * and a demo running beside `npm test` received (and refused: another Keycloak signed them) each one.
 * Tests of back-channel logout point the client at their own app and put this back.
 */
export const TEST_INSTANCE_BACKCHANNEL_URL = 'http://127.0.0.1:9/auth/backchannel-logout';

/** What `pointConsoleClient` changed: the back-channel logout URL Keycloak held before (`''` when none), and the URIs it added. */
export interface ConsoleClientChange {
  previousBackchannelUrl: string;
  /** The redirect URI and post-logout redirect URI added for the console's origin (empty when both were there). */
  added: string[];
}

const BACKCHANNEL = 'backchannel.logout.url';
const POST_LOGOUT = 'post.logout.redirect.uris';

interface ClientRepresentation {
  id: string;
  redirectUris?: string[];
  attributes?: Record<string, string>;
}

function isClientList(value: unknown): value is ClientRepresentation[] {
  return Array.isArray(value) && value.every((c) => typeof c === 'object' && c !== null && typeof (c as { id?: unknown }).id === 'string');
}

/**
 * Makes the operator client work for a console at `consoleUrl` (the realm file can only name fixed
 * ports): points its back-channel logout URL (one URL per client) at the console's endpoint, and adds
 * `{consoleUrl}/auth/callback` as a redirect URI and `{consoleUrl}/*` as a post-logout redirect URI
 * when they are missing (the others are kept). Through the Admin API as the master admin.
 * @throws KeycloakHttpError when Keycloak refuses a call or the client does not exist (404).
 */
export async function pointConsoleClient(target: BackchannelTarget): Promise<ConsoleClientChange> {
  const realm = encodeURIComponent(target.realm ?? demoRealm.realm);
  const clientId = target.clientId ?? demoRealm.bff.clientId;
  const token = await masterAdminToken(target.url);
  const found = await adminGet(target.url, token, `${realm}/clients?clientId=${encodeURIComponent(clientId)}`);
  const client = isClientList(found) ? found[0] : undefined;
  if (!client) throw new KeycloakHttpError(`Client ${clientId} not found in realm ${realm}.`, 404);
  const attributes = client.attributes ?? {};
  const redirectUri = `${target.consoleUrl}/auth/callback`;
  const postLogoutUri = `${target.consoleUrl}/*`;
  const redirectUris = client.redirectUris ?? [];
  const postLogoutUris = (attributes[POST_LOGOUT] ?? '').split('##').filter((uri) => uri !== '');
  const added = [...(redirectUris.includes(redirectUri) ? [] : [redirectUri]), ...(postLogoutUris.includes(postLogoutUri) ? [] : [postLogoutUri])];
  const path = `/admin/realms/${realm}/clients/${client.id}`;
  const response = await fetch(`${target.url}${path}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      ...client,
      redirectUris: redirectUris.includes(redirectUri) ? redirectUris : [...redirectUris, redirectUri],
      attributes: {
        ...attributes,
        [BACKCHANNEL]: target.backchannelUrl ?? `${target.consoleUrl}/auth/backchannel-logout`,
        [POST_LOGOUT]: (postLogoutUris.includes(postLogoutUri) ? postLogoutUris : [...postLogoutUris, postLogoutUri]).join('##'),
      },
    }),
  });
  await response.body?.cancel();
  if (!response.ok) throw new KeycloakHttpError(`PUT ${path} failed with HTTP ${response.status}.`, response.status);
  return { previousBackchannelUrl: attributes[BACKCHANNEL] ?? '', added };
}
