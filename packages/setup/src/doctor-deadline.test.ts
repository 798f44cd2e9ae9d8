import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkConnection, type ConnectionSettings } from './doctor.js';

/**
 * A Keycloak that answers discovery and then hangs at the token endpoint: the one state the real
 * test Keycloak cannot be put in on demand (this module's unit test only; the real checks are
 * proven in setup.integration.test.ts).
 */
describe('checkConnection with a deadline', () => {
  let server: Server;
  let keycloakUrl = '';
  const hung = new Set<ServerResponse>();

  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url?.endsWith('/.well-known/openid-configuration')) {
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
        return;
      }
      hung.add(res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    keycloakUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    for (const res of hung) res.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  const settings = (deadlineMs: number): ConnectionSettings => ({
    keycloakUrl,
    operatorRealm: 'staff',
    managedRealms: ['staff'],
    operatorClient: { clientId: 'session-desk', clientSecret: 'x' },
    serviceClient: { clientId: 'session-desk-service', clientSecret: 'y' },
    publicUrl: 'http://127.0.0.1:9',
    timeoutMs: 60_000,
    deadlineMs,
  });

  it('answers at the deadline with what was checked and a failed check naming the step Keycloak did not answer', async () => {
    const report = await checkConnection(settings(300));
    expect(report.ok).toBe(false);
    expect(report.checks.map((check) => `${check.id} ${check.status}`)).toEqual(['keycloak ok', 'deadline fail']);
    expect(report.checks[1]?.message).toMatch(/did not answer in time: the checks stopped after 0\.3 s while asking for realm staff's service account token/);
  });
});
