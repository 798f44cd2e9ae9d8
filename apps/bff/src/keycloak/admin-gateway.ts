import KcAdminClient, { NetworkError } from '@keycloak/keycloak-admin-client';
import * as oidc from 'openid-client';
import { Pool } from 'undici';
import type { ReadinessResponse } from '@session-desk/contracts';
import type { Config } from '../config.js';
import { HttpError } from '../http/errors.js';
import { keycloakCalls, tokenFetches } from '../observability/metrics.js';
import { ConcurrencyLimiter } from './concurrency-limiter.js';
import { withDeadline } from './deadline.js';
import { AnswerTooLarge, dispatchText, type TextAnswer } from './dispatch-text.js';
import { mapKeycloakError } from './errors.js';
import type { OidcProvider } from './oidc-provider.js';
import { ServiceTokenCache } from './service-token.js';
import { keycloakBehaviour, type KeycloakBehaviour } from './server-version.js';

export type AdminClient = KcAdminClient;

/**
 * The only code that calls Keycloak's Admin API: one service-account token shared by all calls,
 * bounded concurrency, a timeout on every request, one token refresh and retry on 401, and every
 * failure mapped to the HTTP answer an operator should see.
 */
export class KeycloakGateway {
  readonly #config: Config;
  readonly #oidc: OidcProvider;
  readonly limiter: ConcurrencyLimiter;
  readonly #tokens = new Map<string, ServiceTokenCache>();
  readonly #clients = new Map<string, KcAdminClient>();
  /**
   * Keep-alive connections to Keycloak's origin for `adminDelete` (undici's request API: about half
   * the CPU of fetch per call; a pool of the one origin, not an Agent, so no URL is parsed per call:
   * 21 → 15 µs of client CPU a DELETE, measured against a local server). The connections' own
   * connect, headers and body timers close a connection left hanging (they tick about once a
   * second); `withDeadline` bounds each DELETE as a whole.
   */
  readonly #deletes: Pool;
  /** KEYCLOAK_URL's path (e.g. `/auth`, or empty), which every Admin API path goes under. */
  readonly #basePath: string;

  constructor(config: Config, oidcProvider: OidcProvider) {
    this.#config = config;
    this.#oidc = oidcProvider;
    const timeoutMs = config.keycloak.timeoutMs;
    const keycloakUrl = new URL(config.keycloak.url);
    this.#basePath = keycloakUrl.pathname.replace(/\/+$/, '');
    this.#deletes = new Pool(keycloakUrl.origin, { connectTimeout: timeoutMs, headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
    this.limiter = new ConcurrencyLimiter(config.keycloak.maxConcurrency, config.keycloak.maxQueue);
  }

  #behaviour: Promise<KeycloakBehaviour> | undefined;

  /**
   * What this Keycloak version does differently (see server-version.ts), read once from the server
   * info as the service account of the first managed realm. A failed read is not cached: until it
   * succeeds, callers get the behaviour of an unknown version.
   */
  serverBehaviour(): Promise<KeycloakBehaviour> {
    this.#behaviour ??= this.admin(this.#config.keycloak.managedRealms[0] ?? this.#config.keycloak.realm, (client) => client.serverInfo.find()).then(
      (info) => keycloakBehaviour(info.systemInfo?.version),
      () => {
        this.#behaviour = undefined;
        return keycloakBehaviour(undefined);
      },
    );
    return this.#behaviour;
  }

  /** The cached service-account token of one managed realm. */
  tokensFor(realm: string): ServiceTokenCache {
    let cache = this.#tokens.get(realm);
    if (!cache) {
      cache = new ServiceTokenCache(() => this.#fetchServiceToken(realm));
      this.#tokens.set(realm, cache);
    }
    return cache;
  }

  /**
   * Runs `call` against the Admin API of `realm` as the service account. `options.timeoutMs`
   * lengthens (never shortens) KEYCLOAK_TIMEOUT_MS for a call known to be slow (e.g. a logout of a
   * user with thousands of sessions, which Keycloak ends one by one).
   */
  async admin<T>(realm: string, call: (client: AdminClient) => Promise<T>, options: { timeoutMs?: number } = {}): Promise<T> {
    const timeoutMs = Math.max(this.#config.keycloak.timeoutMs, options.timeoutMs ?? 0);
    return this.#asServiceAccount(realm, async (token) => answeredJson(await call(this.#client(realm, token, timeoutMs))));
  }

  /**
   * DELETE `/admin/realms/{realm}{path}` under KEYCLOAK_URL's path (each path segment encoded by
   * the caller and never `.` or `..`, which the server's URL parsing removes: `segment` in
   * sessions-api.ts; query appended) as the
   * service account, with everything `admin` gives (limiter, timeout, one retry on 401, mapped
   * errors; a non-2xx answer is the admin client's NetworkError, so `isNotFound` works alike).
   * The admin client sends a `{}` body with every DELETE, and Node's fetch never reuses a
   * connection after a DELETE with a body: measured, 28 of 30 session deletes opened a new TCP
   * connection, a third of a bulk job's CPU in the BFF. Without a body the connection is kept.
   * Sent through undici's handler API (`dispatchText`), not fetch: fetch cost 0.16 ms of CPU per
   * call against Keycloak on this machine, undici's `request` 0.07, and `request`'s objects (a
   * Readable per answer) outlived the young generation: a job of 1,000 items promoted 8.5 MB, 1.6
   * with the handler API (V8's sampling heap profiler, 3 December 2026). A 2xx answer over 1 MiB
   * is not Keycloak's: 502 keycloak_error, as for any other answer that is not JSON; a longer
   * non-2xx answer is cut off and mapped by its status alone (404 not found, 401 retried once).
   */
  async adminDelete(realm: string, path: string): Promise<void> {
    const fullPath = `${this.#basePath}/admin/realms/${encodeURIComponent(realm)}${path}`;
    await this.#asServiceAccount(realm, async (token) => {
      const exchange = dispatchText(this.#deletes, { path: fullPath, method: 'DELETE', headers: { authorization: `Bearer ${token}` } }, MAX_DELETE_ANSWER_BYTES);
      // KEYCLOAK_TIMEOUT_MS for the whole exchange, the answer's body included (a body that trickles in is cut off).
      let answer: TextAnswer;
      try {
        answer = await withDeadline(this.#config.keycloak.timeoutMs, exchange.answer, () => exchange.abort(new DOMException('Keycloak did not answer in time.', 'TimeoutError')));
      } catch (err) {
        if (!(err instanceof AnswerTooLarge)) throw err;
        // A long error page still says its status (a proxy's 404 or 401 page): that, not its body, is the answer.
        if (err.status >= 200 && err.status < 300) throw notKeycloak();
        answer = { status: err.status, body: '' };
      }
      const { status, body } = answer;
      // Keycloak answers 204 without a body; a page in its place (200 with HTML) ended nothing.
      if (status >= 200 && status < 300) {
        if (status !== 204) answeredJson(parseJson(body));
        return;
      }
      throw new NetworkError(`Keycloak answered HTTP ${status}`, { response: new Response(null, { status }), responseData: parseJson(body) });
    });
  }

  /** Runs `call` with the realm's service token under the limiter; a 401 fetches a new token and retries once; errors are mapped. */
  #asServiceAccount<T>(realm: string, call: (token: string) => Promise<T>): Promise<T> {
    const stop = keycloakCalls.startTimer();
    return this.limiter.run(async () => {
      const tokens = this.tokensFor(realm);
      try {
        const token = await tokens.getToken();
        try {
          const result = await call(token);
          stop({ outcome: 'ok' });
          return result;
        } catch (err) {
          if (!(err instanceof NetworkError) || err.response.status !== 401) throw err;
          // Keycloak revoked or forgot the token (restart, rotation): fetch a fresh one and retry once.
          tokens.invalidate(token);
          const result = await call(await tokens.getToken());
          stop({ outcome: 'ok' });
          return result;
        }
      } catch (err) {
        const mapped = mapKeycloakError(err);
        stop({ outcome: mapped.code });
        throw mapped;
      }
    });
  }

  /** Ends an operator's Keycloak session server-side with their refresh token (OIDC logout). */
  async endOperatorSession(refreshToken: string): Promise<boolean> {
    const client = await this.#oidc.operatorClient();
    const endpoint = client.serverMetadata().end_session_endpoint;
    if (!endpoint) return false;
    const response = await this.limiter.run(() =>
      fetch(this.#oidc.backChannel(endpoint), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          client_id: this.#config.oidc.clientId,
          client_secret: this.#config.oidc.clientSecret,
          refresh_token: refreshToken,
        }),
        signal: AbortSignal.timeout(this.#config.keycloak.timeoutMs),
      }),
    );
    await response.body?.cancel();
    return response.status === 204 || response.status === 200;
  }

  /**
   * Refreshes an operator's tokens at Keycloak's token endpoint (refresh_token grant of the console
   * client). Keycloak refuses it (`invalid_grant`) once the user is disabled, their Keycloak session
   * has ended, or consent is revoked: that answer is `{ refused: reason }`. Keycloak unreachable or
   * failing throws the mapped HttpError (503/504/502), and the caller keeps the session.
   */
  async refreshOperatorTokens(refreshToken: string): Promise<{ tokens: oidc.TokenEndpointResponse } | { refused: string }> {
    const client = await this.#oidc.operatorClient();
    try {
      return { tokens: await this.limiter.run(() => oidc.refreshTokenGrant(client, refreshToken)) };
    } catch (err) {
      if (err instanceof oidc.ResponseBodyError && (err.error === 'invalid_grant' || err.error === 'unauthorized_client')) {
        return { refused: err.error_description ?? err.error };
      }
      throw mapKeycloakError(err);
    }
  }

  async readiness(): Promise<ReadinessResponse> {
    const keycloak = await this.#check(async () => {
      const response = await fetch(this.#oidc.backChannel(`${this.#oidc.issuer}/.well-known/openid-configuration`), {
        signal: AbortSignal.timeout(this.#config.keycloak.timeoutMs),
      });
      if (!response.ok) {
        await response.body?.cancel();
        throw new HttpError(502, 'keycloak_error', `Keycloak answered HTTP ${response.status} for the realm ${this.#config.keycloak.realm}: check KEYCLOAK_URL and KEYCLOAK_REALM.`);
      }
      const discovery: unknown = await response.json().catch(() => undefined);
      if (typeof discovery !== 'object' || discovery === null || typeof (discovery as { issuer?: unknown }).issuer !== 'string') {
        throw notKeycloak();
      }
      return `Keycloak answers at ${this.#config.keycloak.url}`;
    });
    const serviceAccount = keycloak.ok
      ? await this.#check(async () => {
          for (const realm of this.#config.keycloak.managedRealms) {
            await this.admin(realm, (client) => client.users.count()).catch((err: unknown) => {
              const mapped = mapKeycloakError(err);
              throw new HttpError(mapped.status, mapped.code, `realm ${realm}: ${mapped.message}`);
            });
          }
          return `the service account ${this.#config.service.clientId} can use the Admin API of ${this.#config.keycloak.managedRealms.join(', ')}`;
        })
      : { ok: false, message: 'not checked: Keycloak is not reachable' };
    return { status: keycloak.ok && serviceAccount.ok ? 'ready' : 'not_ready', checks: { keycloak, serviceAccount } };
  }

  async #check(probe: () => Promise<string>): Promise<{ ok: boolean; message: string }> {
    try {
      return { ok: true, message: await probe() };
    } catch (err) {
      return { ok: false, message: mapKeycloakError(err).message };
    }
  }

  /**
   * One admin client per realm, reused: building one sets up every resource's methods,
   * which cost more than the call itself when a bulk job makes thousands. All calls of a realm
   * share its one service token, so setting it before each call is safe.
   */
  #client(realm: string, token: string, timeoutMs = this.#config.keycloak.timeoutMs): KcAdminClient {
    // A longer timeout (a slow logout) is rare and varies: such calls get a client of their own.
    const shared = timeoutMs === this.#config.keycloak.timeoutMs;
    let client = shared ? this.#clients.get(realm) : undefined;
    if (!client) {
      client = new KcAdminClient({ baseUrl: this.#config.keycloak.url, realmName: realm, timeout: timeoutMs });
      if (shared) this.#clients.set(realm, client);
    }
    client.setAccessToken(token);
    return client;
  }

  async #fetchServiceToken(realm: string) {
    const client = await this.#oidc.serviceClient(realm);
    const tokens = await oidc.clientCredentialsGrant(client).catch((err: unknown) => {
      tokenFetches.inc({ outcome: 'failed' });
      throw err;
    });
    tokenFetches.inc({ outcome: 'ok' });
    return { accessToken: tokens.access_token, expiresAt: Date.now() + (tokens.expires_in ?? 60) * 1000 };
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * A 2xx answer the admin client could not read as JSON reaches us as its raw text (its
 * `parseResponse`); every Admin API call the console makes answers JSON or nothing, so such text
 * is something else answering in Keycloak's place. Empty answers ('') pass.
 * @throws HttpError 502 keycloak_error for a non-empty string.
 */
export function answeredJson<T>(value: T): T {
  if (typeof value === 'string' && value.length > 0) throw notKeycloak();
  return value;
}

/** The longest answer to a DELETE read (Keycloak's own are empty or a short JSON error): more is something else answering. */
const MAX_DELETE_ANSWER_BYTES = 1 << 20;

const notKeycloak = () =>
  new HttpError(502, 'keycloak_error', 'Something other than Keycloak answered at KEYCLOAK_URL (the answer was not JSON): a proxy, a captive portal or an error page may stand in front of Keycloak.');
