import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { demoRealm } from '@session-desk/keycloak-local';
import { createTestApp } from '../testing/test-app.js';
import { signInThroughKeycloak } from '../testing/keycloak-browser.js';

const auditor = demoRealm.operators.find((o) => o.role === 'auditor')!;

/**
 * Found by an attack on a build whose idle expiry was moved by saving the session: a request still
 * running when the operator signed out saved the whole session back, and the logged-out cookie
 * worked again. Whatever a request in flight does at its end, a signed-out session stays gone.
 */
describe('signing out while a request is still in flight', () => {
  it('does not bring the console session back when that request ends', async () => {
    // A short idle time, so any rolling of the idle expiry is due during the test.
    const test = createTestApp({ SESSION_IDLE_MINUTES: '1' });
    const browser = test.agent();
    const signedIn = await signInThroughKeycloak(browser, auditor.username, auditor.password);
    // The cookie as the browser sends it back: name=value, without its attributes.
    const cookie = signedIn.cookieAfter?.split(';')[0] ?? '';
    expect(cookie).toMatch(/sd\.sid=/);
    expect((await browser.get('/api/me')).status).toBe(200);
    // A tenth of the idle time later, so an idle expiry moved "at most every 6 s" would move on the held request.
    await new Promise((resolve) => setTimeout(resolve, 6_500));

    const server = createServer(test.app).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const body = JSON.stringify({ reason: 'x' });
      // The request's headers arrive (the session is loaded), its body only after the logout.
      const held = httpRequest({
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: `/api/realms/${demoRealm.realm}/users/00000000-0000-0000-0000-000000000000/logout`,
        headers: { cookie, 'x-csrf': '1', 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), origin: 'http://localhost:3100' },
      });
      const answered = new Promise<number>((resolve, reject) => {
        held.on('response', (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        });
        held.on('error', reject);
      });
      held.flushHeaders();
      await new Promise((resolve) => setTimeout(resolve, 300));

      const logout = await browser.post('/auth/logout').set('X-CSRF', '1');
      expect(logout.status).toBe(200);
      expect((await browser.get('/api/me').set('cookie', cookie)).status).toBe(401);

      held.end(body);
      expect(await answered).toBeGreaterThanOrEqual(400);
      // The cookie from before the logout stays dead.
      expect((await browser.get('/api/me').set('cookie', cookie)).status).toBe(401);
    } finally {
      server.close();
    }
  });
});
