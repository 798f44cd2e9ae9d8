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
}

const ATTRIBUTE = 'backchannel.logout.url';

function isClientList(value: unknown): value is Array<{ id: string; attributes?: Record<string, string> }> {
  return Array.isArray(value) && value.every((c) => typeof c === 'object' && c !== null && typeof (c as { id?: unknown }).id === 'string');
}

/**
 * Sets the operator client's back-channel logout URL (a client attribute, one URL per client) to
 * this console's endpoint, through the Admin API as the master admin; the realm file can only hold one port.
 * @returns the URL Keycloak held before (`''` when none).
 * @throws KeycloakHttpError when Keycloak refuses a call or the client does not exist (404).
 */
export async function pointBackchannelLogout(target: BackchannelTarget): Promise<string> {
  const realm = encodeURIComponent(target.realm ?? demoRealm.realm);
  const clientId = target.clientId ?? demoRealm.bff.clientId;
  const token = await masterAdminToken(target.url);
  const found = await adminGet(target.url, token, `${realm}/clients?clientId=${encodeURIComponent(clientId)}`);
  const client = isClientList(found) ? found[0] : undefined;
  if (!client) throw new KeycloakHttpError(`Client ${clientId} not found in realm ${realm}.`, 404);
  const previous = client.attributes?.[ATTRIBUTE] ?? '';
  const path = `/admin/realms/${realm}/clients/${client.id}`;
  const response = await fetch(`${target.url}${path}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ ...client, attributes: { ...client.attributes, [ATTRIBUTE]: `${target.consoleUrl}/auth/backchannel-logout` } }),
  });
  await response.body?.cancel();
  if (!response.ok) throw new KeycloakHttpError(`PUT ${path} failed with HTTP ${response.status}.`, response.status);
  return previous;
}
