import { describe, expect, it } from 'vitest';
import { demoRealm } from '@session-desk/keycloak-local';
import { adminEventsResponseSchema, loginEventsResponseSchema } from '@session-desk/contracts';
import { createTestApp } from '../testing/test-app.js';
import { signInThroughKeycloak } from '../testing/keycloak-browser.js';
import { adminGet, findUserId } from '../testing/keycloak-admin.js';
import { loginEndUser, reservedEndUser, sessionIdOf } from '../testing/end-user-sessions.js';

describe("Keycloak's events through the BFF", () => {
  it("shows the realm's login events, filtered by user and type", async () => {
    const { agent } = createTestApp();
    const auditor = demoRealm.operators.find((o) => o.role === 'auditor')!;
    const browser = agent();
    await signInThroughKeycloak(browser, auditor.username, auditor.password);
    const userId = await findUserId(demoRealm.realm, auditor.username);

    const response = await browser.get(`/api/realms/${demoRealm.realm}/events`).query({ user: userId, type: 'LOGIN', max: 5 });
    expect(response.status).toBe(200);
    const body = loginEventsResponseSchema.parse(response.body);
    expect(body.enabled).toBe(true);
    expect(body.items.length).toBeGreaterThanOrEqual(1);
    expect(body.items.every((event) => event.userId === userId && event.type === 'LOGIN')).toBe(true);
    expect(body.items[0]?.clientId).toBe('session-desk');
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
});
