import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConfig } from '../config.js';
import { parseEnv } from '../env.js';
import { HttpError } from '../http/errors.js';
import { KeycloakGateway } from './admin-gateway.js';
import { KeycloakEvents } from './events-api.js';
import { OidcProvider } from './oidc-provider.js';
import { ServiceTokenCache } from './service-token.js';
import { KeycloakSessions } from './sessions-api.js';

/** What answers: a captive portal's page with 200 for every path, or an empty 204. */
let answer: 'html' | 'empty' = 'html';
const server = createServer((_req, res) => {
  if (answer === 'empty') res.writeHead(204).end();
  else res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Please sign in to the hotel network</body></html>');
});
let base = '';
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function setup() {
  const config = buildConfig(parseEnv({ NODE_ENV: 'test', KEYCLOAK_URL: base, KEYCLOAK_TIMEOUT_MS: '2000', LOG_LEVEL: 'silent', SERVE_SPA: 'false', IP_LOCATION: 'off' }));
  const gateway = new KeycloakGateway(config, new OidcProvider(config));
  const tokens = new ServiceTokenCache(async () => ({ accessToken: 'token', expiresAt: Date.now() + 3_600_000 }));
  gateway.tokensFor = () => tokens;
  return { gateway, sessions: new KeycloakSessions(gateway, { consoleClientId: 'x', operatorRealm: 'demo' }), events: new KeycloakEvents(gateway) };
}

const failure = async (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('resolved');
    },
    (err: unknown) => err,
  );

/**
 * Something other than Keycloak answering 200 at KEYCLOAK_URL (a stand-in HTTP server, for this
 * module only): the admin client hands such bodies back as text, which read as "no such user",
 * "events are off" or a 500 before. Each is a 502 now, and readiness says not ready.
 */
describe('answers that are not JSON', () => {
  it('make every Admin API call a 502 keycloak_error, not an empty or wrong truth', async () => {
    answer = 'html';
    const { sessions, events } = setup();
    const reads: Array<[string, () => Promise<unknown>]> = [
      ['a user', () => sessions.findUser('demo', 'a-user-id')],
      ['a user search', () => sessions.searchUsers('demo', 'ali', 20)],
      ['the events settings', () => events.config('demo')],
      ['client session stats', () => sessions.clientStats('demo')],
      // A DELETE answered 200 with a page ended nothing: not "ended".
      ['ending a session', () => sessions.deleteSession('demo', 'abcdefgh', false)],
    ];
    for (const [what, read] of reads) {
      const err = await failure(read());
      expect(err, what).toBeInstanceOf(HttpError);
      expect(err, what).toMatchObject({ status: 502, code: 'keycloak_error', message: expect.stringMatching(/not JSON/) });
    }
  });

  it('leave empty answers alone', async () => {
    answer = 'empty';
    const { gateway } = setup();
    await expect(gateway.admin('demo', (kc) => kc.users.logout({ id: 'a-user-id' }))).resolves.toBeFalsy();
  });

  it('make readiness say not ready', async () => {
    answer = 'html';
    const { gateway } = setup();
    const readiness = await gateway.readiness();
    expect(readiness.status).toBe('not_ready');
    expect(readiness.checks.keycloak).toMatchObject({ ok: false, message: expect.stringMatching(/not JSON/) });
  });
});
