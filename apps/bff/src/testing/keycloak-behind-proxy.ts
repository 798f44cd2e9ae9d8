import { inject } from 'vitest';
import type { Agent } from 'supertest';
import { demoRealm } from '@session-desk/keycloak-local';
import { createTestApp } from './test-app.js';
import { signInThroughKeycloak } from './keycloak-browser.js';
import { FaultProxy } from '@session-desk/test-support';

/**
 * An in-process app whose back channel to the real Keycloak runs through a FaultProxy (browsers still
 * reach Keycloak directly), with the demo realm's admin signed in. `overrides` add to the env.
 */
export async function appWithKeycloakBehindProxy(overrides: Record<string, string>): Promise<{ proxy: FaultProxy; test: ReturnType<typeof createTestApp>; admin: Agent }> {
  const keycloakUrl = new URL(inject('keycloakUrl'));
  const proxy = new FaultProxy({ host: '127.0.0.1', port: Number(keycloakUrl.port) });
  await proxy.start();
  const test = createTestApp({ KEYCLOAK_URL: `http://localhost:${proxy.port}`, KEYCLOAK_PUBLIC_URL: keycloakUrl.origin, ...overrides });
  const admin = test.agent();
  const operator = demoRealm.operators.find((o) => o.role === 'admin')!;
  await signInThroughKeycloak(admin, operator.username, operator.password);
  return { proxy, test, admin };
}
