import { randomBytes } from 'node:crypto';
import type ClientRepresentation from '@keycloak/keycloak-admin-client/lib/defs/clientRepresentation.js';
import type RoleRepresentation from '@keycloak/keycloak-admin-client/lib/defs/roleRepresentation.js';
import type { AdminConnection } from './admin-connection.js';
import { SetupError, explainAdminFailure } from './errors.js';
import {
  OPERATOR_ROLES,
  REALM_MANAGEMENT_CLIENT,
  SERVICE_ACCOUNT_ROLES,
  consoleUrls,
} from './requirements.js';

export interface ProvisionOptions {
  /** The realm operators sign in to; it holds the operator client and its roles. */
  operatorRealm: string;
  /** Realms the console manages; each gets the service client. */
  managedRealms: string[];
  /** The console's public origin, e.g. `https://desk.example.com`. */
  publicUrl: string;
  operatorClientId: string;
  serviceClientId: string;
  /** Also create groups `session-desk-admins`, `-helpdesk`, `-auditors` carrying the operator roles. */
  groups: boolean;
  /** Turn on login and admin events in managed realms where they are off (the events pages need them). */
  events: boolean;
}

/** One change setup makes (or would make, with --dry-run). */
export interface Change {
  realm: string;
  /** What it is about, e.g. `client session-desk`. */
  subject: string;
  /** What changes, one line each, e.g. `create`, `redirectUris: add https://…/auth/callback`. */
  details: string[];
  apply: () => Promise<void>;
}

export interface ProvisionResult {
  changes: Change[];
  /** Read back from Keycloak after applying (undefined in a dry run when the client does not exist yet). */
  operatorClientSecret: string | undefined;
  serviceClientSecret: string | undefined;
}

const OPERATOR_CLIENT_NAME = 'Session Desk';
const SERVICE_CLIENT_NAME = 'Session Desk service';
const SEVEN_DAYS_SECONDS = 7 * 24 * 60 * 60;

/**
 * Settings setup owns on its confidential clients; everything else an administrator set is kept. The
 * operator client signs operators in (code flow); the service client is the BFF's (client credentials).
 */
function confidentialClientSettings(clientId: string, codeFlow: boolean): ClientRepresentation {
  return {
    clientId,
    enabled: true,
    protocol: 'openid-connect',
    publicClient: false,
    bearerOnly: false,
    clientAuthenticatorType: 'client-secret',
    standardFlowEnabled: codeFlow,
    implicitFlowEnabled: false,
    directAccessGrantsEnabled: false,
    serviceAccountsEnabled: !codeFlow,
  };
}

const operatorClientSettings = (clientId: string): ClientRepresentation => ({ ...confidentialClientSettings(clientId, true), frontchannelLogout: false });
const serviceClientSettings = (clientId: string): ClientRepresentation => confidentialClientSettings(clientId, false);

type Settings = Record<string, unknown>;

/** `field: old → new` for every owned setting that differs. */
function settingDifferences(current: Settings, wanted: Settings): string[] {
  return Object.entries(wanted)
    .filter(([key, value]) => current[key] !== value)
    .map(([key, value]) => `${key}: ${JSON.stringify(current[key] ?? null)} → ${JSON.stringify(value)}`);
}

const splitUris = (value: string | undefined) => (value ? value.split('##').filter(Boolean) : []);

/** Whether one of Keycloak's redirect URI patterns (exact, or ending in `*`) already allows `uri`. */
export function uriAllowed(patterns: readonly string[], uri: string): boolean {
  return patterns.some((pattern) => pattern === uri || (pattern.endsWith('*') && uri.startsWith(pattern.slice(0, -1))));
}

/**
 * Computes what setup must change so Keycloak matches what the console needs, reading the current
 * state through `connection`. Nothing is written until each change's `apply` runs (see `provision`).
 * Throws a SetupError when a realm is missing or the admin account may not read what it must.
 */
export async function planProvisioning(connection: AdminConnection, options: ProvisionOptions): Promise<{ changes: Change[]; secrets: () => Promise<{ operator?: string; service?: string }> }> {
  const { client } = connection;
  const changes: Change[] = [];
  const realms = [...new Set([options.operatorRealm, ...options.managedRealms])];
  for (const realm of realms) {
    const found = await client.realms.findOne({ realm }).catch((err: unknown) => {
      throw explainAdminFailure(err, realm, 'read the realm', 'view-realm');
    });
    if (!found) throw new SetupError('realm_missing', `Realm "${realm}" does not exist. Create it first, or fix the realm name (--realm / --managed-realms).`);
  }

  // Client UUIDs, known once a client exists (created by an earlier change of the same run).
  const uuids = new Map<string, string>();
  const key = (realm: string, clientId: string) => `${realm}\u0000${clientId}`;
  const findClient = async (realm: string, clientId: string): Promise<ClientRepresentation | undefined> => {
    const list = await client.clients.find({ realm, clientId }).catch((err: unknown) => {
      throw explainAdminFailure(err, realm, `read client ${clientId}`, 'view-clients');
    });
    const match = list.find((candidate) => candidate.clientId === clientId);
    if (match?.id) uuids.set(key(realm, clientId), match.id);
    return match;
  };
  const uuidOf = async (realm: string, clientId: string): Promise<string> => {
    const known = uuids.get(key(realm, clientId)) ?? (await findClient(realm, clientId))?.id;
    if (!known) throw new Error(`client ${clientId} does not exist in realm ${realm}`);
    return known;
  };

  // --- the operator client, its roles and (optionally) groups ---------------------------------------
  const urls = consoleUrls(options.publicUrl);
  const realm = options.operatorRealm;
  const operatorId = options.operatorClientId;
  const existingOperator = await findClient(realm, operatorId);
  const wantedAttributes = (current: Record<string, string> | undefined): Record<string, string> => {
    const postLogout = splitUris(current?.['post.logout.redirect.uris']);
    return {
      'pkce.code.challenge.method': 'S256',
      'post.logout.redirect.uris': uriAllowed(postLogout, urls.postLogoutRedirectUri) ? postLogout.join('##') : [...postLogout, urls.postLogoutRedirectUri].join('##'),
      'backchannel.logout.url': urls.backchannelLogoutUrl,
      'backchannel.logout.session.required': 'true',
    };
  };
  if (!existingOperator) {
    changes.push({
      realm,
      subject: `client ${operatorId}`,
      details: ['create: confidential, code flow + PKCE S256', `redirect URI ${urls.redirectUri}`, `post-logout redirect URI ${urls.postLogoutRedirectUri}`, `back-channel logout URL ${urls.backchannelLogoutUrl} (session required)`],
      apply: async () => {
        const created = await client.clients
          .create({ realm, ...operatorClientSettings(operatorId), name: OPERATOR_CLIENT_NAME, redirectUris: [urls.redirectUri], webOrigins: [], attributes: wantedAttributes(undefined) })
          .catch((err: unknown) => {
            throw explainAdminFailure(err, realm, `create client ${operatorId}`, 'manage-clients');
          });
        uuids.set(key(realm, operatorId), created.id);
      },
    });
  } else {
    const details = settingDifferences(existingOperator as Settings, operatorClientSettings(operatorId) as Settings);
    const redirects = existingOperator.redirectUris ?? [];
    if (!uriAllowed(redirects, urls.redirectUri)) details.push(`redirectUris: add ${urls.redirectUri}`);
    const attributes = wantedAttributes(existingOperator.attributes);
    details.push(...settingDifferences(existingOperator.attributes ?? {}, attributes).map((line) => `attribute ${line}`));
    if (details.length > 0) {
      changes.push({
        realm,
        subject: `client ${operatorId}`,
        details,
        apply: async () => {
          await client.clients
            .update(
              { realm, id: existingOperator.id as string },
              {
                ...existingOperator,
                ...operatorClientSettings(operatorId),
                redirectUris: uriAllowed(redirects, urls.redirectUri) ? redirects : [...redirects, urls.redirectUri],
                attributes: { ...existingOperator.attributes, ...attributes },
              },
            )
            .catch((err: unknown) => {
              throw explainAdminFailure(err, realm, `update client ${operatorId}`, 'manage-clients');
            });
        },
      });
    }
  }

  const roles: RoleRepresentation[] = existingOperator?.id
    ? await client.clients.listRoles({ realm, id: existingOperator.id }).catch((err: unknown) => {
        throw explainAdminFailure(err, realm, `read the roles of client ${operatorId}`, 'view-clients');
      })
    : [];
  for (const { role, description } of OPERATOR_ROLES) {
    if (roles.some((existing) => existing.name === role)) continue;
    changes.push({
      realm,
      subject: `client role ${operatorId}/${role}`,
      details: ['create'],
      apply: async () => {
        await client.clients.createRole({ realm, id: await uuidOf(realm, operatorId), name: role, description }).catch((err: unknown) => {
          throw explainAdminFailure(err, realm, `create client role ${operatorId}/${role}`, 'manage-clients');
        });
      },
    });
  }

  if (options.groups) {
    const groups = await client.groups.find({ realm, search: 'session-desk', briefRepresentation: true, max: 100 }).catch((err: unknown) => {
      throw explainAdminFailure(err, realm, 'read groups', 'view-users');
    });
    for (const { role, group } of OPERATOR_ROLES) {
      const existing = groups.find((candidate) => candidate.name === group);
      const mapped = existing?.id && existingOperator?.id
        ? await client.groups.listClientRoleMappings({ realm, id: existing.id, clientUniqueId: existingOperator.id }).catch((err: unknown) => {
            throw explainAdminFailure(err, realm, `read the roles of group ${group}`, 'view-users');
          })
        : [];
      if (existing && mapped.some((candidate) => candidate.name === role)) continue;
      changes.push({
        realm,
        subject: `group ${group}`,
        details: [...(existing ? [] : ['create']), `grant client role ${operatorId}/${role}`],
        apply: async () => {
          try {
            const groupId = existing?.id ?? (await client.groups.create({ realm, name: group })).id;
            const clientUniqueId = await uuidOf(realm, operatorId);
            const roleRep = await client.clients.findRole({ realm, id: clientUniqueId, roleName: role });
            if (!roleRep?.id || !roleRep.name) throw new Error(`client role ${operatorId}/${role} is missing`);
            await client.groups.addClientRoleMappings({ realm, id: groupId, clientUniqueId, roles: [{ id: roleRep.id, name: roleRep.name }] });
          } catch (err) {
            throw explainAdminFailure(err, realm, `create group ${group} with role ${role}`, 'manage-users');
          }
        },
      });
    }
  }

  // --- the service client in every managed realm, with one secret shared by all of them --------------
  const serviceId = options.serviceClientId;
  const existingService = new Map<string, ClientRepresentation>();
  for (const managed of options.managedRealms) {
    const found = await findClient(managed, serviceId);
    if (found) existingService.set(managed, found);
  }
  let sharedSecret: string | undefined;
  for (const [managed, found] of existingService) {
    const secret = await client.clients.getClientSecret({ realm: managed, id: found.id as string }).catch((err: unknown) => {
      throw explainAdminFailure(err, managed, `read the secret of client ${serviceId}`, 'view-clients');
    });
    if (secret.value) {
      sharedSecret = secret.value;
      break;
    }
  }
  sharedSecret ??= randomBytes(32).toString('base64url');
  const secret = sharedSecret;

  for (const managed of options.managedRealms) {
    const found = existingService.get(managed);
    if (!found) {
      changes.push({
        realm: managed,
        subject: `client ${serviceId}`,
        details: ['create: confidential, service account only (client credentials)'],
        apply: async () => {
          const created = await client.clients
            .create({ realm: managed, ...serviceClientSettings(serviceId), name: SERVICE_CLIENT_NAME, secret, redirectUris: [], webOrigins: [] })
            .catch((err: unknown) => {
              throw explainAdminFailure(err, managed, `create client ${serviceId}`, 'manage-clients');
            });
          uuids.set(key(managed, serviceId), created.id);
        },
      });
    } else {
      const details = settingDifferences(found as Settings, serviceClientSettings(serviceId) as Settings);
      const current = await client.clients.getClientSecret({ realm: managed, id: found.id as string }).catch(() => ({ value: undefined }));
      if (current.value !== secret) details.push('secret: set to the one shared by every managed realm');
      if (details.length > 0) {
        changes.push({
          realm: managed,
          subject: `client ${serviceId}`,
          details,
          apply: async () => {
            await client.clients
              .update({ realm: managed, id: found.id as string }, { ...found, ...serviceClientSettings(serviceId), secret })
              .catch((err: unknown) => {
                throw explainAdminFailure(err, managed, `update client ${serviceId}`, 'manage-clients');
              });
          },
        });
      }
    }
    changes.push(...(await serviceRoleChanges(connection, managed, serviceId, found, uuidOf)));
    if (options.events) changes.push(...(await eventChanges(connection, managed)));
  }

  const secrets = async () => {
    const read = async (target: string, clientId: string) => {
      const id = uuids.get(key(target, clientId)) ?? (await findClient(target, clientId))?.id;
      if (!id) return undefined;
      const value = await client.clients.getClientSecret({ realm: target, id }).catch((err: unknown) => {
        throw explainAdminFailure(err, target, `read the secret of client ${clientId}`, 'view-clients');
      });
      return value.value;
    };
    const [firstManaged] = options.managedRealms;
    return { operator: await read(options.operatorRealm, operatorId), service: firstManaged ? await read(firstManaged, serviceId) : undefined };
  };
  return { changes, secrets };
}

/** Grants the service account exactly SERVICE_ACCOUNT_ROLES of realm-management: missing ones added, others removed. */
async function serviceRoleChanges(
  { client }: AdminConnection,
  realm: string,
  serviceId: string,
  existing: ClientRepresentation | undefined,
  uuidOf: (realm: string, clientId: string) => Promise<string>,
): Promise<Change[]> {
  let held: RoleRepresentation[] = [];
  if (existing?.id && existing.serviceAccountsEnabled) {
    try {
      const user = await client.clients.getServiceAccountUser({ realm, id: existing.id });
      held = await client.users.listClientRoleMappings({ realm, id: user.id as string, clientUniqueId: await uuidOf(realm, REALM_MANAGEMENT_CLIENT) });
    } catch (err) {
      throw explainAdminFailure(err, realm, `read the roles of ${serviceId}'s service account`, 'view-users');
    }
  }
  const heldNames = held.map((role) => role.name ?? '');
  const missing = SERVICE_ACCOUNT_ROLES.filter((role) => !heldNames.includes(role));
  const extra = held.filter((role) => role.name && !SERVICE_ACCOUNT_ROLES.includes(role.name));
  if (missing.length === 0 && extra.length === 0) return [];
  return [
    {
      realm,
      subject: `service account of ${serviceId}`,
      details: [
        ...(missing.length ? [`grant realm-management roles ${missing.join(', ')}`] : []),
        ...(extra.length ? [`remove realm-management roles ${extra.map((role) => role.name).join(', ')} (not needed)`] : []),
      ],
      apply: async () => {
        try {
          const clientUuid = await uuidOf(realm, serviceId);
          const user = await client.clients.getServiceAccountUser({ realm, id: clientUuid });
          const managementId = await uuidOf(realm, REALM_MANAGEMENT_CLIENT);
          const available = await client.clients.listRoles({ realm, id: managementId });
          const grant = available.filter((role) => role.name && missing.includes(role.name)).map((role) => ({ id: role.id as string, name: role.name as string }));
          if (grant.length) await client.users.addClientRoleMappings({ realm, id: user.id as string, clientUniqueId: managementId, roles: grant });
          if (extra.length) {
            await client.users.delClientRoleMappings({
              realm,
              id: user.id as string,
              clientUniqueId: managementId,
              roles: extra.map((role) => ({ id: role.id as string, name: role.name as string })),
            });
          }
        } catch (err) {
          // Granting realm-management roles needs them (or manage-users plus the roles' own holders).
          throw explainAdminFailure(err, realm, `set the realm-management roles of ${serviceId}'s service account`, 'manage-users');
        }
      },
    },
  ];
}

async function eventChanges({ client }: AdminConnection, realm: string): Promise<Change[]> {
  const config = await client.realms.getConfigEvents({ realm }).catch((err: unknown) => {
    throw explainAdminFailure(err, realm, 'read the events settings', 'view-events');
  });
  const details: string[] = [];
  if (!config.eventsEnabled) details.push(`save login events (kept ${config.eventsExpiration ? `${config.eventsExpiration} s` : '7 days'})`);
  if (!config.adminEventsEnabled) details.push('save admin events');
  if (details.length === 0) return [];
  return [
    {
      realm,
      subject: 'events',
      details,
      apply: async () => {
        await client.realms
          .updateConfigEvents({ realm }, { ...config, eventsEnabled: true, adminEventsEnabled: true, eventsExpiration: config.eventsExpiration || SEVEN_DAYS_SECONDS })
          .catch((err: unknown) => {
            throw explainAdminFailure(err, realm, 'turn events on', 'manage-events');
          });
      },
    },
  ];
}

/**
 * Plans and (unless `dryRun`) applies the changes, then reads the client secrets back from Keycloak.
 * A second run against an unchanged Keycloak returns no changes. Throws a SetupError on the first failure.
 */
export async function provision(connection: AdminConnection, options: ProvisionOptions, dryRun = false): Promise<ProvisionResult> {
  const plan = await planProvisioning(connection, options);
  if (!dryRun) {
    for (const change of plan.changes) await change.apply();
  }
  const secrets = await plan.secrets();
  return { changes: plan.changes, operatorClientSecret: secrets.operator, serviceClientSecret: secrets.service };
}
