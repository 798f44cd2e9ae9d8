import { describe, expect, it } from 'vitest';
import { demoRealm } from '@session-desk/keycloak-local';
import { adminEventsResponseSchema, loginEventsResponseSchema } from '@session-desk/contracts';
import { createTestApp } from '../testing/test-app.js';
import { signInThroughKeycloak } from '../testing/keycloak-browser.js';
import { findUserId } from '../testing/keycloak-admin.js';

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
    const { agent } = createTestApp();
    const admin = demoRealm.operators.find((o) => o.role === 'admin')!;
    const browser = agent();
    await signInThroughKeycloak(browser, admin.username, admin.password);
    const response = await browser.get(`/api/realms/${demoRealm.realm}/admin-events`).query({ max: 10 });
    expect(response.status).toBe(200);
    const body = adminEventsResponseSchema.parse(response.body);
    expect(body.enabled).toBe(true);
    expect(body.max).toBe(10);
  });
});
