import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { demoRealm } from '@session-desk/keycloak-local';
import { auditListResponseSchema } from '@session-desk/contracts';
import { createTestApp } from '../testing/test-app.js';
import { signInThroughKeycloak } from '../testing/keycloak-browser.js';
import { sessionIdOf } from '../testing/end-user-sessions.js';
import { ThrowawayRealm } from '../testing/throwaway-named-realm.js';
import { FaultProxy, freePort } from '@session-desk/test-support';

const admin = demoRealm.operators.find((o) => o.role === 'admin')!;
const APP = 'proxy-test-app';

/**
 * The BFF listens on loopback behind a TCP proxy (also on loopback); the client claims to come from
 * 198.51.100.9 through a further proxy at 203.0.113.7. What the audit record says depends on how far
 * TRUST_PROXY trusts the chain.
 */
describe('TRUST_PROXY behind a loopback reverse proxy', () => {
  let realm: ThrowawayRealm;

  beforeAll(async () => {
    realm = await ThrowawayRealm.create({ name: `proxy-${Date.now()}`, clients: [APP], users: [{ username: 'proxied-user' }] });
  });

  afterAll(async () => {
    await realm.delete();
  });

  async function recordedIp(trustProxy: string | undefined): Promise<string> {
    const test = createTestApp({ MANAGED_REALMS: `demo,${realm.name}`, ...(trustProxy === undefined ? {} : { TRUST_PROXY: trustProxy }) });
    const server: Server = createServer(test.app);
    const port = await freePort();
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    const proxy = new FaultProxy({ host: '127.0.0.1', port });
    await proxy.start();
    try {
      const browser = request.agent(`http://127.0.0.1:${proxy.port}`);
      await signInThroughKeycloak(browser, admin.username, admin.password);
      const tokens = await realm.login('proxied-user', APP);
      const ended = await browser
        .delete(`/api/realms/${encodeURIComponent(realm.name)}/sessions/${sessionIdOf(tokens)}`)
        .set('X-CSRF', '1')
        .set('X-Forwarded-For', '198.51.100.9, 203.0.113.7')
        .send({ reason: 'reverse proxy test', userId: await realm.userId('proxied-user') });
      expect(ended.status).toBe(200);
      expect(proxy.connections).toBeGreaterThan(0);
      const trail = auditListResponseSchema.parse((await browser.get('/api/audit').query({ realm: realm.name })).body);
      const record = trail.items.find((item) => item.action === 'session.end' && item.outcome === 'succeeded');
      expect(record).toBeDefined();
      return record?.ip ?? '';
    } finally {
      await proxy.stop();
      await new Promise((resolve) => server.close(resolve));
    }
  }

  it('without TRUST_PROXY records the proxy (the peer), never the forwarded address', async () => {
    expect(await recordedIp(undefined)).toMatch(/^(::ffff:)?127\.0\.0\.1$/);
  });

  it('TRUST_PROXY=1 trusts one hop: the address the loopback proxy saw', async () => {
    expect(await recordedIp('1')).toBe('203.0.113.7');
  });

  it('TRUST_PROXY=loopback trusts the loopback proxy only', async () => {
    expect(await recordedIp('loopback')).toBe('203.0.113.7');
  });

  it('TRUST_PROXY=true starts (no TypeError) and trusts the whole chain', async () => {
    expect(await recordedIp('true')).toBe('198.51.100.9');
  });
});
