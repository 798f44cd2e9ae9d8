import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from 'supertest';
import { connectionResponseSchema } from '@session-desk/contracts';
import { demoRealm } from '@session-desk/keycloak-local';
import { appWithKeycloakBehindProxy } from '../testing/keycloak-behind-proxy.js';
import type { FaultProxy } from '@session-desk/test-support';

/** The Connection page when Keycloak is gone or hangs: an answer with the failing check, never a hung request. */
describe('GET /api/admin/connection with Keycloak down or hung (through a loopback proxy the test controls)', () => {
  let proxy: FaultProxy;
  let admin: Agent;

  beforeAll(async () => {
    // The signed-in admin is not re-checked with Keycloak during the test: the page itself is under test.
    ({ proxy, admin } = await appWithKeycloakBehindProxy({ KEYCLOAK_TIMEOUT_MS: '1500', OPERATOR_RECHECK_SECONDS: '3600' }));
  });

  afterAll(async () => {
    await proxy.stop();
  });

  const connection = async () => connectionResponseSchema.parse((await admin.get('/api/admin/connection').expect(200)).body);

  it('checks through the proxy when Keycloak is up', async () => {
    const report = await connection();
    expect(report.checks.find((check) => check.id === 'service-token')).toMatchObject({ status: 'ok', realm: demoRealm.realm });
    expect(report.keycloakVersion).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('answers with the failing Keycloak check when Keycloak refuses connections', async () => {
    await proxy.setMode('refuse');
    try {
      const report = await connection();
      expect(report.ok).toBe(false);
      expect(report.checks).toEqual([{ id: 'keycloak', status: 'fail', message: expect.stringMatching(new RegExp(`not reachable at http://localhost:${proxy.port} .*ECONNREFUSED`)) }]);
    } finally {
      await proxy.setMode('forward');
    }
  });

  it('answers with the failing Keycloak check when Keycloak accepts connections and never answers', async () => {
    await proxy.setMode('stall');
    try {
      const report = await connection();
      expect(report.ok).toBe(false);
      expect(report.checks).toEqual([{ id: 'keycloak', status: 'fail', message: expect.stringMatching(/not reachable at .*no answer before the timeout/) }]);
    } finally {
      await proxy.setMode('forward');
    }
  }, 30_000);
});
