import { describe, expect, it } from 'vitest';
import { demoRealm } from '@session-desk/keycloak-local';
import { adminEventsResponseSchema, loginEventsResponseSchema } from '@session-desk/contracts';
import { createTestApp } from '../testing/test-app.js';
import { demoOperator, signedInAs, signInThroughKeycloak } from '../testing/keycloak-browser.js';
import { adminGet, findUserId } from '../testing/keycloak-admin.js';
import { loginEndUser, reservedEndUser, sessionIdOf } from '../testing/end-user-sessions.js';

describe("Keycloak's events through the BFF", () => {
  it("shows the realm's login events, filtered by user and type", async () => {
    const auditor = demoOperator('auditor');
    const browser = await signedInAs(createTestApp(), 'auditor');
    const userId = await findUserId(demoRealm.realm, auditor.username);

    const response = await browser.get(`/api/realms/${demoRealm.realm}/events`).query({ user: userId, type: 'LOGIN', max: 5 });
    expect(response.status).toBe(200);
    const body = loginEventsResponseSchema.parse(response.body);
    expect(body.enabled).toBe(true);
    expect(body.items.length).toBeGreaterThanOrEqual(1);
    expect(body.items.every((event) => event.userId === userId && event.type === 'LOGIN')).toBe(true);
    expect(body.items[0]?.clientId).toBe('session-desk');

    // The same filter by username (what an operator has at hand): Keycloak's filter takes an id, the BFF finds it.
    const byName = loginEventsResponseSchema.parse((await browser.get(`/api/realms/${demoRealm.realm}/events`).query({ user: auditor.username, type: 'LOGIN', max: 5 })).body);
    expect(byName.items.map((event) => event.userId)).toEqual(body.items.map((event) => event.userId));
    expect(byName.items.length).toBeGreaterThanOrEqual(1);
  });

  it("shows admin events (Keycloak names the service account, not the operator, as the actor)", async () => {
    const { agent, config } = createTestApp();
    const realm = demoRealm.realm;
    const admin = demoRealm.operators.find((o) => o.role === 'admin')!;
    const browser = agent();
    await signInThroughKeycloak(browser, admin.username, admin.password);
    // An admin event of our own: the operator ends a session through the console.
    const sessionId = sessionIdOf(await loginEndUser(reservedEndUser(20), 'demo-portal'));
    expect((await browser.delete(`/api/realms/${realm}/sessions/${sessionId}`).set('X-CSRF', '1').send({ reason: 'admin event actor' })).status).toBe(200);

    const response = await browser.get(`/api/realms/${realm}/admin-events`).query({ max: 100, operation: 'DELETE', resourceType: 'USER_SESSION' });
    expect(response.status).toBe(200);
    const body = adminEventsResponseSchema.parse(response.body);
    expect(body.enabled).toBe(true);
    expect(body.max).toBe(100);
    const event = body.items.find((item) => item.resourcePath === `sessions/${sessionId}`);
    expect(event, `no admin event for sessions/${sessionId}`).toBeDefined();

    const [service] = await adminGet<Array<{ id: string }>>(`${realm}/clients?clientId=${encodeURIComponent(config.service.clientId)}`);
    const serviceUser = await adminGet<{ id: string }>(`${realm}/clients/${service!.id}/service-account-user`);
    expect(event).toMatchObject({ operationType: 'DELETE', resourceType: 'USER_SESSION', authUserId: serviceUser.id, authClientId: service!.id });
    expect(event?.authUserId).not.toBe(await findUserId(realm, admin.username));
  });

  it('filters by instants (ISO with an offset or epoch ms), refuses bare dates Keycloak would read as UTC days', async () => {
    const auditor = demoOperator('auditor');
    const browser = await signedInAs(createTestApp(), 'auditor');
    const userId = await findUserId(demoRealm.realm, auditor.username);
    const signedInAt = Date.now();
    const list = async (query: Record<string, string>) =>
      loginEventsResponseSchema.parse((await browser.get(`/api/realms/${demoRealm.realm}/events`).query({ user: userId, type: 'LOGIN', ...query })).body);

    // The sign-in just now lies within the last ten minutes, written in Tokyo's and Los Angeles' offsets alike.
    const tokyo = new Date(signedInAt - 600_000 + 9 * 3_600_000).toISOString().replace('Z', '+09:00');
    const losAngeles = new Date(signedInAt - 600_000 - 8 * 3_600_000).toISOString().replace('Z', '-08:00');
    for (const from of [tokyo, losAngeles, String(signedInAt - 600_000)]) {
      const found = await list({ from });
      expect(found.items.length, from).toBeGreaterThanOrEqual(1);
      expect(found.items.every((event) => Date.parse(event.time) >= signedInAt - 600_000)).toBe(true);
    }
    // An instant after the sign-in (in an hour) finds none of it; one before it bounds "to".
    expect((await list({ from: String(signedInAt + 3_600_000) })).items).toEqual([]);
    expect((await list({ to: String(signedInAt - 86_400_000 * 365 * 5) })).items).toEqual([]);

    const bare = await browser.get(`/api/realms/${demoRealm.realm}/events`).query({ from: '2026-11-25' });
    expect(bare.status).toBe(400);
    const bareAdmin = await browser.get(`/api/realms/${demoRealm.realm}/admin-events`).query({ to: '2026-11-25' });
    expect(bareAdmin.status).toBe(400);
  });
});
