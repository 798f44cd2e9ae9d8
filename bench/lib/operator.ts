import { submitKeycloakLogin } from '@session-desk/test-support';
import { CookieJar, HttpStatusError, getJson } from './http.ts';

/** The anti-forgery header the SPA sends on state-changing requests (CSRF_HEADER in packages/contracts/src/errors.ts). */
const CSRF_HEADER = 'X-CSRF';
const CSRF_HEADER_VALUE = '1';

export interface Answer {
  status: number;
  /** Parsed JSON, the raw text if it is not JSON, or null for an empty body. */
  json: unknown;
}

function parseBody(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** A signed-in operator: the console's cookie jar, as the SPA's browser would hold it. */
export class Operator {
  readonly baseUrl: string;
  readonly jar: CookieJar;

  constructor(baseUrl: string, jar: CookieJar) {
    this.baseUrl = baseUrl;
    this.jar = jar;
  }

  /**
   * GET returning parsed JSON. A realm's first list may answer 503 snapshot_building while the BFF
   * reads the realm (SNAPSHOT_FIRST_WAIT_SECONDS): asked again every second, as the SPA does, for up
   * to 15 minutes, so the time measured is the operator's wait for the list.
   */
  async get(path: string): Promise<unknown> {
    const giveUpAt = performance.now() + 15 * 60_000;
    for (;;) {
      try {
        return await getJson(`${this.baseUrl}${path}`, { cookie: this.jar.header() });
      } catch (error) {
        const building = error instanceof HttpStatusError && error.status === 503 && error.body.includes('"snapshot_building"');
        if (!building || performance.now() > giveUpAt) throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }

  /** The same cookie jar against another origin: another BFF instance sharing the session store (Redis) and secret. */
  at(baseUrl: string): Operator {
    return new Operator(baseUrl, this.jar);
  }

  /** Any method, never throwing on an HTTP status; state-changing requests carry the anti-forgery header as the SPA does. */
  async call(method: string, path: string, body?: unknown): Promise<Answer> {
    const headers: Record<string, string> = { accept: 'application/json', cookie: this.jar.header() };
    if (method !== 'GET' && method !== 'HEAD') headers[CSRF_HEADER] = CSRF_HEADER_VALUE;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${this.baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    return { status: response.status, json: parseBody(text) };
  }

  /** Like `call`, but a non-2xx answer throws HttpStatusError. */
  async send(method: string, path: string, body?: unknown): Promise<unknown> {
    const answer = await this.call(method, path, body);
    if (answer.status < 200 || answer.status > 299) {
      throw new HttpStatusError(`${method} ${path}`, answer.status, typeof answer.json === 'string' ? answer.json : JSON.stringify(answer.json ?? ''));
    }
    return answer.json;
  }

  /** The raw answer (for counting statuses under load); the body is read and dropped. */
  async status(path: string): Promise<number> {
    const response = await fetch(`${this.baseUrl}${path}`, { headers: { accept: 'application/json', cookie: this.jar.header() } });
    await response.arrayBuffer();
    return response.status;
  }
}

/**
 * Signs in through the real authorization-code flow, as a browser would: the BFF's /auth/login,
 * Keycloak's login form, the credentials POST, then the BFF's /auth/callback.
 */
export async function signIn(baseUrl: string, username: string, password: string): Promise<Operator> {
  const desk = new CookieJar();
  const login = await fetch(`${baseUrl}/auth/login`, { redirect: 'manual' });
  desk.store(login);
  const authorize = login.headers.get('location');
  await login.body?.cancel();
  if (login.status !== 302 || !authorize) throw new HttpStatusError('GET /auth/login', login.status, 'expected a redirect to Keycloak');

  const keycloak = await submitKeycloakLogin(authorize, username, password);
  if (keycloak.kind === 'no-form') throw new HttpStatusError("Keycloak's login page", keycloak.status, 'no login form');
  if (keycloak.kind === 'refused') throw new HttpStatusError(`Keycloak's login of ${username}`, keycloak.status, 'credentials not accepted');
  const callback = keycloak.url;

  const done = await fetch(callback, { redirect: 'manual', headers: { cookie: desk.header() } });
  desk.store(done);
  const landed = done.headers.get('location') ?? '';
  const body = await done.text();
  if (done.status !== 302 || landed.includes('signed-out')) throw new HttpStatusError('GET /auth/callback', done.status, `${landed} ${body}`.trim());

  const operator = new Operator(baseUrl, desk);
  await operator.get('/api/me');
  return operator;
}
