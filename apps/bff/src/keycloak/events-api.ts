import type EventType from '@keycloak/keycloak-admin-client/lib/defs/eventTypes.js';
import type { AdminEvent, AdminEventsQuery, LoginEvent, LoginEventsQuery } from '@session-desk/contracts';
import type { KeycloakGateway } from './admin-gateway.js';

const text = (value: unknown): string | null => (typeof value === 'string' && value.length > 0 ? value : null);

function stringDetails(details: Record<string, unknown> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(details ?? {}).map(([key, value]) => [key, typeof value === 'string' ? value : JSON.stringify(value)]));
}

/** Keycloak's own login and admin events, read through the Admin API. */
export class KeycloakEvents {
  readonly #gateway: KeycloakGateway;

  constructor(gateway: KeycloakGateway) {
    this.#gateway = gateway;
  }

  async config(realm: string): Promise<{ eventsEnabled: boolean; adminEventsEnabled: boolean }> {
    const config = await this.#gateway.admin(realm, (kc) => kc.realms.getConfigEvents({ realm }));
    return { eventsEnabled: config.eventsEnabled ?? false, adminEventsEnabled: config.adminEventsEnabled ?? false };
  }

  /** One page of login events, asking for one more than the page to know whether there are more. */
  async loginEvents(realm: string, query: LoginEventsQuery): Promise<{ items: LoginEvent[]; more: boolean }> {
    const events = await this.#gateway.admin(realm, (kc) =>
      kc.realms.findEvents({
        realm,
        type: query.type as EventType | undefined,
        user: query.user,
        client: query.client,
        ipAddress: query.ip,
        dateFrom: query.from,
        dateTo: query.to,
        first: query.first,
        max: query.max + 1,
      }),
    );
    const items = events.slice(0, query.max).map((event) => {
      const details = stringDetails(event.details);
      return {
        time: new Date(event.time ?? 0).toISOString(),
        type: String(event.type ?? ''),
        userId: text(event.userId),
        username: text(details.username),
        ipAddress: text(event.ipAddress),
        clientId: text(event.clientId),
        sessionId: text(event.sessionId),
        error: text(event.error),
        details,
      };
    });
    return { items, more: events.length > query.max };
  }

  async adminEvents(realm: string, query: AdminEventsQuery): Promise<{ items: AdminEvent[]; more: boolean }> {
    const events = await this.#gateway.admin(realm, (kc) =>
      kc.realms.findAdminEvents({
        realm,
        operationTypes: query.operation,
        resourceTypes: query.resourceType,
        // Keycloak reads these as yyyy-MM-dd strings; the client's typing says Date.
        dateFrom: query.from as unknown as Date | undefined,
        dateTo: query.to as unknown as Date | undefined,
        first: query.first,
        max: query.max + 1,
      }),
    );
    const items = events.slice(0, query.max).map((event) => ({
      time: new Date(event.time ?? 0).toISOString(),
      operationType: String(event.operationType ?? ''),
      resourceType: text(event.resourceType),
      resourcePath: text(event.resourcePath),
      authUserId: text(event.authDetails?.userId),
      authClientId: text(event.authDetails?.clientId),
      authIpAddress: text(event.authDetails?.ipAddress),
      error: text(event.error),
    }));
    return { items, more: events.length > query.max };
  }
}
