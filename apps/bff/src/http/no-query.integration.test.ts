import { beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from 'supertest';
import { demoRealm } from '@session-desk/keycloak-local';
import { createTestApp } from '../testing/test-app.js';
import { signInThroughKeycloak } from '../testing/keycloak-browser.js';

const admin = demoRealm.operators.find((o) => o.role === 'admin')!;
const realm = demoRealm.realm;

/** Every API endpoint that takes no query parameters (the others parse theirs strictly). */
const QUERYLESS = [
  '/api/me',
  '/api/me/sessions',
  '/api/realms',
  `/api/realms/${realm}/clients/stats`,
  `/api/realms/${realm}/concerns/count`,
  `/api/realms/${realm}/concerns/settings`,
  '/api/session-jobs/00000000-0000-0000-0000-000000000000',
  '/api/audit/verify',
  '/api/admin/health',
  '/api/admin/connection',
  '/api/admin/ip-location',
];

describe('endpoints without query parameters refuse any, as the others refuse unknown ones', () => {
  let browser: Agent;
  beforeAll(async () => {
    browser = createTestApp().agent();
    await signInThroughKeycloak(browser, admin.username, admin.password);
  });

  it.each(QUERYLESS)('GET %s?x=1 answers 400 naming the parameter; without it, not 400', async (path) => {
    const refused = await browser.get(path).query({ x: '1' });
    expect({ status: refused.status, error: refused.body.error }).toEqual({ status: 400, error: 'bad_request' });
    expect(refused.body.message).toMatch(/query.*x/i);
    expect((await browser.get(path)).status).not.toBe(400);
  });
});
