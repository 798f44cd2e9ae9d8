import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../testing/test-app.js';
import { signInThroughKeycloak } from '../testing/keycloak-browser.js';
import { createThrowawayRealm, type ThrowawayRealm } from '../testing/throwaway-realm.js';

/*
 * The console behind a TLS-terminating reverse proxy, as in production: the browser speaks HTTPS to
 * the proxy, the proxy speaks HTTP to the BFF on loopback with `X-Forwarded-Proto: https`, and the
 * BFF runs with PUBLIC_URL=https://… and TRUST_PROXY=loopback. Every cookie the BFF sets during a
 * full sign-in through the real Keycloak must be `Secure` and `__Host-` prefixed (no Domain, Path=/).
 * The realm is a throwaway one whose sign-in client accepts the https callback URL.
 */

const PUBLIC_URL = 'https://localhost:3100';

/** A self-signed certificate for localhost and 127.0.0.1 (openssl), in a temporary folder. */
function selfSignedCertificate(): { key: string; cert: string; dir: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'sd-tls-'));
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1',
    '-subj', '/CN=localhost',
    '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1',
    '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem'),
  ], { stdio: 'ignore' });
  return { key: readFileSync(path.join(dir, 'key.pem'), 'utf8'), cert: readFileSync(path.join(dir, 'cert.pem'), 'utf8'), dir };
}

function listen(server: http.Server | https.Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

function close(server: http.Server | https.Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

describe('cookies over HTTPS, behind a TLS-terminating proxy', () => {
  const tls = selfSignedCertificate();
  let throwaway: ThrowawayRealm;
  let backend: http.Server;
  let proxy: https.Server;
  let proxyUrl = '';
  /** Every Set-Cookie the BFF sent, with the path of the request it answered. */
  const setCookies: Array<{ path: string; cookie: string }> = [];
  /** The Cookie header of every request that reached the BFF, by path. */
  const sentCookies: Array<{ path: string; cookie: string | undefined }> = [];

  beforeAll(async () => {
    throwaway = await createThrowawayRealm({ userCount: 0, operatorRedirectUris: [`${PUBLIC_URL}/auth/callback`] });
    const test = createTestApp({ PUBLIC_URL, TRUST_PROXY: 'loopback', KEYCLOAK_REALM: throwaway.realm, MANAGED_REALMS: throwaway.realm });
    backend = http.createServer((req, res) => {
      const requested = req.url ?? '';
      sentCookies.push({ path: requested, cookie: req.headers.cookie });
      res.on('finish', () => {
        const header = res.getHeader('set-cookie');
        const cookies = Array.isArray(header) ? header : header === undefined ? [] : [String(header)];
        for (const cookie of cookies) setCookies.push({ path: requested, cookie });
      });
      test.app(req, res);
    });
    const backendPort = await listen(backend);
    // The reverse proxy: TLS in front, plain HTTP to the BFF on loopback, X-Forwarded-Proto: https.
    proxy = https.createServer({ key: tls.key, cert: tls.cert }, (req, res) => {
      const forwarded = http.request(
        { host: '127.0.0.1', port: backendPort, method: req.method, path: req.url, headers: { ...req.headers, 'x-forwarded-proto': 'https', 'x-forwarded-for': req.socket.remoteAddress ?? '' } },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      forwarded.on('error', () => res.writeHead(502).end());
      req.pipe(forwarded);
    });
    proxyUrl = `https://127.0.0.1:${await listen(proxy)}`;
  }, 60_000);

  afterAll(async () => {
    if (proxy) await close(proxy);
    if (backend) await close(backend);
    await throwaway?.remove();
    rmSync(tls.dir, { recursive: true, force: true });
  });

  it('sets only Secure, __Host- cookies through a full sign-in, and the signed-in session works over HTTPS', async () => {
    const operator = throwaway.operator!;
    const browser = request.agent(proxyUrl).ca(tls.cert);
    await signInThroughKeycloak(browser, operator.username, operator.password);

    const me = await browser.get('/api/me');
    expect(me.status, me.text).toBe(200);
    expect(me.body.username).toBe(operator.username);

    // The browser authenticated with __Host- cookies only (which it sends back over HTTPS alone)…
    const meCookie = sentCookies.findLast(({ path }) => path === '/api/me')?.cookie ?? '';
    expect(meCookie).not.toBe('');
    for (const pair of meCookie.split(';')) expect(pair.trim()).toMatch(/^__Host-[^=]+=/);
    // …and every cookie the BFF set on the way was Secure, __Host-, HttpOnly, host-only, Path=/.
    expect(setCookies.length).toBeGreaterThan(0);
    for (const { path: answered, cookie } of setCookies) {
      const [pair = '', ...attributes] = cookie.split(';').map((part) => part.trim());
      const names = attributes.map((attribute) => attribute.split('=')[0]!.toLowerCase());
      const where = `${answered}: ${cookie}`;
      expect(pair, where).toMatch(/^__Host-[^=]+=/);
      expect(names, where).toContain('secure');
      expect(names, where).toContain('httponly');
      expect(attributes, where).toContain('Path=/');
      expect(names, where).not.toContain('domain');
    }
  }, 60_000);
});
