import { describe, expect, it } from 'vitest';
import { loginEventsQuerySchema } from '@session-desk/contracts';
import type { KeycloakGateway } from './admin-gateway.js';
import { KeycloakEvents } from './events-api.js';

interface User {
  id: string;
  username: string;
}

/**
 * A stand-in for the gateway, for this module's choice of user id only: users by id and by exact
 * username, and the `user` each events read asked Keycloak for. The real Admin API's answers are
 * exercised in events.integration.test.ts.
 */
function gatewayWith(users: User[]) {
  const asked: Array<string | undefined> = [];
  const client = {
    users: {
      findOne: async ({ id }: { id: string }) => users.find((user) => user.id === id),
      find: async ({ username }: { username: string }) => users.filter((user) => user.username === username),
    },
    realms: {
      findEvents: async ({ user }: { user?: string }) => {
        asked.push(user);
        return [];
      },
    },
  };
  const gateway = { admin: async <T>(_realm: string, call: (kc: typeof client) => Promise<T>) => call(client) } as unknown as KeycloakGateway;
  return { events: new KeycloakEvents(gateway), asked };
}

const query = (user: string) => loginEventsQuerySchema.parse({ user });

describe('KeycloakEvents: the user filter', () => {
  const admin = { id: '9faff806-cead-4b35-b176-388309e9155c', username: 'desk-admin' };
  // A username written to look like the administrator's id.
  const lookalike = { id: 'b0480446-0000-4000-8000-000000000001', username: admin.id };

  it("asks Keycloak for a user's events by their id, whether the operator typed the id or the username", async () => {
    const { events, asked } = gatewayWith([admin]);
    await events.loginEvents('demo', query(admin.id));
    await events.loginEvents('demo', query('desk-admin'));
    expect(asked).toEqual([admin.id, admin.id]);
  });

  it("never lets a username that looks like another user's id hide that user's events", async () => {
    const { events, asked } = gatewayWith([admin, lookalike]);
    await events.loginEvents('demo', query(admin.id));
    expect(asked).toEqual([admin.id]);
  });

  it('passes on text that names no user (Keycloak then has no events for it)', async () => {
    const { events, asked } = gatewayWith([admin]);
    await events.loginEvents('demo', query('nobody'));
    expect(asked).toEqual(['nobody']);
  });
});
