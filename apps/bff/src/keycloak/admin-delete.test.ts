import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConfig } from '../config.js';
import { parseEnv } from '../env.js';
import { HttpError } from '../http/errors.js';
import { keycloakCalls } from '../observability/metrics.js';
import { KeycloakGateway } from './admin-gateway.js';
import { OidcProvider } from './oidc-provider.js';
import { ServiceTokenCache } from './service-token.js';
import { KeycloakSessions } from './sessions-api.js';

type Seen = { method: string; url: string; auth: string | undefined; body: string };
let seen: Seen[] = [];
let answer: (req: IncomingMessage, res: ServerResponse, n: number) => void = (_req, res) => res.writeHead(204).end();
const server = createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', auth: req.headers.authorization, body });
    answer(req, res, seen.length);
  });
});
let base = '';
beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

function setup(url = base, timeoutMs = '300') {
  const config = buildConfig(parseEnv({ NODE_ENV: 'test', KEYCLOAK_URL: url, KEYCLOAK_TIMEOUT_MS: timeoutMs, LOG_LEVEL: 'silent', SERVE_SPA: 'false', IP_LOCATION: 'off' }));
  const gateway = new KeycloakGateway(config, new OidcProvider(config));
  let n = 0;
  const cache = new ServiceTokenCache(async () => ({ accessToken: `token-${++n}`, expiresAt: Date.now() + 3_600_000 }));
  gateway.tokensFor = () => cache;
  const sessions = new KeycloakSessions(gateway, { consoleClientId: 'x', operatorRealm: 'demo' });
  seen = [];
  return { gateway, sessions };
}
const status = (code: number, body = '{"error":"x"}') => (_req: IncomingMessage, res: ServerResponse) => res.writeHead(code, { 'content-type': 'application/json' }).end(body);
const reason = async (p: Promise<unknown>) => p.then(() => { throw new Error('resolved'); }, (err: unknown) => err);

/**
 * KeycloakGateway.adminDelete against a stand-in Keycloak (an HTTP server recording each request), for this
 * module only: the same answers the admin client gave for every status, and nothing sent for a path that
 * URL parsing would turn into another resource. The real server is in admin-gateway.integration.test.ts
 * and dot-segment.integration.test.ts.
 */
describe('Admin API DELETEs without the admin client', () => {
  it('sends DELETE without a body and maps 204/404/401/403/500/503', async () => {
    const { sessions } = setup();
    answer = status(204, '');
    expect(await sessions.deleteSession('demo', 'abcdefgh', false)).toBe(true);
    expect(seen).toEqual([{ method: 'DELETE', url: '/admin/realms/demo/sessions/abcdefgh?isOffline=false', auth: 'Bearer token-1', body: '' }]);
    answer = status(404);
    expect(await sessions.deleteSession('demo', 'abcdefgh', true)).toBe(false);
    answer = (req, res, n) => (n === 1 ? status(401)(req, res) : status(204, '')(req, res));
    seen = [];
    expect(await sessions.deleteSession('demo', 'abcdefgh', false)).toBe(true);
    expect(seen.map((s) => s.auth)).toEqual(['Bearer token-1', 'Bearer token-2']);
    for (const [code, expected] of [[403, 502], [500, 502], [503, 503], [401, 502]] as const) {
      answer = status(code);
      const err = await reason(sessions.deleteSession('demo', 'abcdefgh', false));
      expect(err).toBeInstanceOf(HttpError);
      expect((err as HttpError).status).toBe(expected);
    }
  });

  it('reads an answer sent in pieces, and calls a page or a 2xx over 1 MiB something other than Keycloak (502), maps a long error page by its status, then goes on', async () => {
    const { sessions } = setup(base, '2000');
    // A 404 whose JSON arrives in three writes is still Keycloak's "no such session".
    answer = (_req, res) => {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.write('{"error":');
      setTimeout(() => res.write('"Session not'), 5);
      setTimeout(() => res.end(' found"}'), 10);
    };
    expect(await sessions.deleteSession('demo', 'pieces', false)).toBe(false);
    // A proxy's page with 200 ended nothing.
    answer = (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Welcome</body></html>');
    expect(await reason(sessions.deleteSession('demo', 'page', false))).toMatchObject({ status: 502, code: 'keycloak_error', message: expect.stringContaining('not JSON') });
    // A 2xx answer longer than any of Keycloak's is not read whole, and is not Keycloak's.
    const huge = 'x'.repeat((1 << 20) + 1);
    answer = (_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end(huge);
    expect(await reason(sessions.deleteSession('demo', 'huge', false))).toMatchObject({ status: 502, code: 'keycloak_error', message: expect.stringContaining('not JSON') });
    // A long error page is cut off too, and its status still answers: 404 is "no such session", 401 is retried with a new token, 503 stays 503.
    answer = (_req, res) => res.writeHead(404, { 'content-type': 'text/html' }).end(huge);
    expect(await sessions.deleteSession('demo', 'huge-404', false)).toBe(false);
    seen = [];
    answer = (req, res, n) => (n === 1 ? res.writeHead(401, { 'content-type': 'text/html' }).end(huge) : status(204, '')(req, res));
    expect(await sessions.deleteSession('demo', 'huge-401', false)).toBe(true);
    expect(seen.map((s) => s.auth)).toEqual(['Bearer token-1', 'Bearer token-2']);
    answer = (_req, res) => res.writeHead(503, { 'content-type': 'text/html' }).end(huge);
    expect(await reason(sessions.deleteSession('demo', 'huge-503', false))).toMatchObject({ status: 503 });
    answer = status(204, '');
    expect(await sessions.deleteSession('demo', 'next', false)).toBe(true);
  });

  it('sends the DELETE under the path of a KEYCLOAK_URL that has one (a Keycloak behind /auth)', async () => {
    const { sessions } = setup(`${base}/auth/`);
    answer = status(204, '');
    expect(await sessions.deleteSession('demo', 'abc', true)).toBe(true);
    expect(seen.map((s) => `${s.method} ${s.url}`)).toEqual(['DELETE /auth/admin/realms/demo/sessions/abc?isOffline=true']);
  });

  it('maps a timeout to 504 and a refused connection to 503, and counts every call in the metric', async () => {
    const { sessions } = setup();
    const before = (await keycloakCalls.get()).values.filter((v) => v.metricName?.endsWith('_count')).reduce((a, v) => a + v.value, 0);
    answer = () => undefined; // never answers
    expect(((await reason(sessions.deleteSession('demo', 'abcdefgh', false))) as HttpError).status).toBe(504);
    const closed = setup('http://127.0.0.1:9'); // discard port: refused
    expect(((await reason(closed.sessions.deleteSession('demo', 'abcdefgh', false))) as HttpError).status).toBe(503);
    const after = (await keycloakCalls.get()).values.filter((v) => v.metricName?.endsWith('_count')).reduce((a, v) => a + v.value, 0);
    expect(after - before).toBe(2);
  });

  it('maps an answer whose body stops coming to 504 (the connection\'s body timer), and the next DELETE still goes through', async () => {
    const { sessions } = setup();
    // Headers, then a body that never ends: a 500 whose error text the gateway reads.
    answer = (_req, res) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.write('{"error":');
    };
    const started = performance.now();
    const err = await reason(sessions.deleteSession('demo', 'abcdefgh', false));
    expect((err as HttpError).status).toBe(504);
    expect((err as HttpError).code).toBe('keycloak_timeout');
    // One KEYCLOAK_TIMEOUT_MS (300 ms here) of silence, not the 5 minutes undici waits by default.
    expect(performance.now() - started).toBeLessThan(5_000);
    answer = status(204, '');
    expect(await sessions.deleteSession('demo', 'abcdefgh', false)).toBe(true);
  });

  it('answers 504 at KEYCLOAK_TIMEOUT_MS even below a second (an answer 250 ms late), and for a body that trickles in forever', async () => {
    const { sessions } = setup(base, '300');
    // The answer comes, but after the timeout: the connections' own timers tick about once a second and would let it through.
    answer = (_req, res) => void setTimeout(() => res.writeHead(204).end(), 550);
    expect(((await reason(sessions.deleteSession('demo', 'late', false))) as HttpError).code).toBe('keycloak_timeout');
    // Headers at once, then a byte every 100 ms without end: each wait is short, the whole never ends.
    answer = (_req, res) => {
      res.writeHead(404, { 'content-type': 'application/json' });
      const drip = setInterval(() => res.write(' '), 100);
      res.on('close', () => clearInterval(drip));
    };
    expect(((await reason(sessions.deleteSession('demo', 'trickle', false))) as HttpError).code).toBe('keycloak_timeout');
    answer = status(204, '');
    expect(await sessions.deleteSession('demo', 'next', false)).toBe(true);
  });

  it('encodes ids like the admin client does (%2F, ?, #, unicode, long)', async () => {
    const { gateway, sessions } = setup();
    answer = status(204, '');
    const ids = ['f:ldap:a/b', 'a?b#c', 'ü ñ 😀', "it's", '%2F..%2F', 'x'.repeat(1024)];
    for (const id of ids) {
      seen = [];
      await sessions.revokeOfflineAccess('demo', id, 'app');
      const ours = seen[0]?.url;
      seen = [];
      await gateway.admin('demo', (kc) => kc.users.revokeConsent({ id, clientId: 'app' }));
      const theirs = seen[0]?.url;
      expect(decodeURIComponent(ours ?? '')).toBe(decodeURIComponent(theirs ?? ''));
    }
  });

  // encodeURIComponent leaves '.' and '..' as they are, and URL parsing removes them as dot segments.
  it("sends no DELETE when the client id from the user's consents is '..' (it would land on the user)", async () => {
    const { sessions } = setup();
    answer = status(204, '');
    const err = await sessions.revokeOfflineAccess('demo', 'user-1', '..').then(() => undefined, (e: unknown) => e);
    expect(seen.map((s) => `${s.method} ${s.url}`)).toEqual([]);
    expect(err).toBeInstanceOf(HttpError);
  });
});
