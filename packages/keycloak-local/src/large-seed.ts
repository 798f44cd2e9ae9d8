import { KeycloakHttpError, clientSessionTotals, masterAdminToken, passwordLogin } from './admin-api.ts';
import type { SessionTotals } from './admin-api.ts';
import { forEachWithConcurrency } from './concurrency.ts';
import type { LargeLogin, LargeTargets } from './large-realm.ts';
import {
  LARGE_DEFAULT_SESSIONS,
  LARGE_REALM,
  LARGE_SERVICE_ROLES,
  LARGE_USER_PASSWORD,
  largeAppClients,
  largeIdleUsers,
  largeUserCountFor,
  largeRealmRepresentation,
  largeRealmSettings,
  largeServiceClient,
  largeTargets,
  largeUsers,
  planLargeLogins,
} from './large-realm.ts';

export interface LargeSeedArgs {
  url: string;
  log?: (line: string) => void;
  /** Password logins in flight at once; default 8 (as fast as 16 on 2 cores). */
  concurrency?: number;
  /** Sessions to fill the realm to, 10 per user (default 10,000: 1,000 users). */
  sessions?: number;
  /** Users without sessions to add beside them (`large-idle-…`; default 0). */
  idleUsers?: number;
}

export interface LargeSeedResult {
  targets: LargeTargets;
  /** Client sessions that existed before this run (client-session-stats). */
  before: { regular: number; offline: number };
  created: { regular: number; offline: number };
  after: { regular: number; offline: number };
  /** Realm, clients, users and service account (seconds). */
  setupSeconds: number;
  /** Users without sessions the realm holds after the run, and the seconds spent importing the missing ones. */
  idleUsers: number;
  idleImportSeconds: number;
  loginSeconds: number;
  seconds: number;
  loginsPerSecond: number;
}

const PROGRESS_EVERY = 1_000;
const DEFAULT_CONCURRENCY = 8;
const LOGIN_ATTEMPTS = 3;

type Json = Record<string, unknown>;

const seconds = (since: number) => Math.round((performance.now() - since) / 100) / 10;

/** A master admin token, fetched again after 45 s (the master realm's tokens live 60 s). */
function adminTokens(url: string): () => Promise<string> {
  let current: { token: string; at: number } | undefined;
  return async () => {
    if (!current || performance.now() - current.at > 45_000) current = { token: await masterAdminToken(url), at: performance.now() };
    return current.token;
  };
}

async function adminCall(url: string, token: string, method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const response = await fetch(`${url}/admin/realms${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = text;
  }
  return { status: response.status, json };
}

async function mustCall(url: string, token: string, method: string, path: string, body?: unknown): Promise<unknown> {
  const { status, json } = await adminCall(url, token, method, path, body);
  if (status >= 300) {
    const detail = typeof json === 'string' ? json.slice(0, 300) : JSON.stringify(json ?? '').slice(0, 300);
    throw new KeycloakHttpError(`${method} /admin/realms${path} failed with HTTP ${status}: ${detail}`, status);
  }
  return json;
}

const asArray = (value: unknown): Json[] => (Array.isArray(value) ? value.filter((v): v is Json => typeof v === 'object' && v !== null) : []);

/** Users imported per partialImport call: a bounded request body and progress lines. */
const IMPORT_CHUNK = 1_000;

async function userCount(url: string, token: string, search: string): Promise<number> {
  return Number(await mustCall(url, token, 'GET', `/${LARGE_REALM}/users/count?search=${encodeURIComponent(search)}`));
}

/** Imports the users of `make(from, to)` in chunks, skipping those that exist. */
async function importUsers(url: string, token: () => Promise<string>, total: number, make: (from: number, to: number) => Array<Record<string, unknown>>, log: (line: string) => void): Promise<void> {
  for (let from = 0; from < total; from += IMPORT_CHUNK) {
    const to = Math.min(total, from + IMPORT_CHUNK);
    await mustCall(url, await token(), 'POST', `/${LARGE_REALM}/partialImport`, { ifResourceExists: 'SKIP', users: make(from, to) });
    log(`  users ${to}/${total} imported`);
  }
}

/** Brings the idle users (no sessions) up to `wanted`; returns how many there are. */
async function ensureIdleUsers(url: string, token: () => Promise<string>, wanted: number, log: (line: string) => void): Promise<number> {
  const have = await userCount(url, await token(), 'large-idle-');
  if (have >= wanted) return have;
  log(`Realm ${LARGE_REALM} holds ${have} users without sessions; importing up to ${wanted} (${IMPORT_CHUNK} a call)…`);
  await importUsers(url, token, wanted, largeIdleUsers, log);
  return userCount(url, await token(), 'large-idle-');
}

/** Realm, 20 app clients, `users` users and the BFF's service client; every step skips what already exists. */
async function ensureLargeRealm(url: string, token: () => Promise<string>, log: (line: string) => void, users: number): Promise<void> {
  const realmPath = `/${LARGE_REALM}`;
  let step = performance.now();
  const existing = await adminCall(url, await token(), 'GET', realmPath);
  if (existing.status === 404) {
    // Realm, clients and users in one call: the realm's password policy applies before its users are imported.
    await mustCall(url, await token(), 'POST', '', largeRealmRepresentation(users));
    log(`Created realm ${LARGE_REALM} with its clients and users in one call (${seconds(step)} s).`);
  } else if (existing.status === 200) {
    await mustCall(url, await token(), 'PUT', realmPath, largeRealmSettings());
    step = performance.now();
    const imported = await mustCall(url, await token(), 'POST', `${realmPath}/partialImport`, {
      ifResourceExists: 'SKIP',
      clients: largeAppClients(),
      users: largeUsers(Math.min(users, IMPORT_CHUNK)),
    });
    const counts = (typeof imported === 'object' && imported !== null ? imported : {}) as Json;
    log(`Realm ${LARGE_REALM} exists; partial import: ${Number(counts['added'] ?? 0)} added, ${Number(counts['skipped'] ?? 0)} skipped (${seconds(step)} s).`);
    if (users > IMPORT_CHUNK && (await userCount(url, await token(), 'large-user-')) < users) {
      await importUsers(url, token, users, (from, to) => largeUsers(to).slice(from), log);
    }
  } else {
    throw new KeycloakHttpError(`GET /admin/realms${realmPath} answered HTTP ${existing.status}.`, existing.status);
  }

  await ensureServiceClient(url, await token(), log);
}

async function clientUuid(url: string, token: string, clientId: string): Promise<string | undefined> {
  const found = asArray(await mustCall(url, token, 'GET', `/${LARGE_REALM}/clients?clientId=${encodeURIComponent(clientId)}&first=0&max=1`));
  const id = found.find((c) => c['clientId'] === clientId)?.['id'];
  return typeof id === 'string' ? id : undefined;
}

/** The confidential `session-desk-service` client of this realm with the same realm-management roles as in `demo`. */
async function ensureServiceClient(url: string, token: string, log: (line: string) => void): Promise<void> {
  const rep = largeServiceClient();
  const clientId = String(rep['clientId']);
  let uuid = await clientUuid(url, token, clientId);
  if (!uuid) {
    await mustCall(url, token, 'POST', `/${LARGE_REALM}/clients`, rep);
    uuid = await clientUuid(url, token, clientId);
    log(`Created client ${clientId} (service account) in realm ${LARGE_REALM}.`);
  }
  if (!uuid) throw new Error(`Client ${clientId} was not found in realm ${LARGE_REALM} after creating it.`);
  const serviceUser = (await mustCall(url, token, 'GET', `/${LARGE_REALM}/clients/${uuid}/service-account-user`)) as Json;
  const realmManagement = await clientUuid(url, token, 'realm-management');
  if (!realmManagement) throw new Error(`Realm ${LARGE_REALM} has no realm-management client.`);
  const mappingPath = `/${LARGE_REALM}/users/${String(serviceUser['id'])}/role-mappings/clients/${realmManagement}`;
  const have = new Set(asArray(await mustCall(url, token, 'GET', mappingPath)).map((r) => r['name']));
  const missing = LARGE_SERVICE_ROLES.filter((name) => !have.has(name));
  if (missing.length === 0) return;
  const roles = await Promise.all(
    missing.map(async (name) => mustCall(url, token, 'GET', `/${LARGE_REALM}/clients/${realmManagement}/roles/${encodeURIComponent(name)}`)),
  );
  await mustCall(url, token, 'POST', mappingPath, roles);
  log(`Granted ${missing.join(', ')} (realm-management) to the ${clientId} service account.`);
}

/** Picks, per client and type, the planned logins beyond the sessions that already exist. */
export function missingLogins(plan: readonly LargeLogin[], totals: SessionTotals): LargeLogin[] {
  const existing = new Map<string, number>();
  for (const c of totals.perClient) {
    existing.set(`${c.clientId}:regular`, c.active);
    existing.set(`${c.clientId}:offline`, c.offline);
  }
  const seen = new Map<string, number>();
  return plan.filter((login) => {
    const key = `${login.clientId}:${login.offline ? 'offline' : 'regular'}`;
    const index = seen.get(key) ?? 0;
    seen.set(key, index + 1);
    return index >= (existing.get(key) ?? 0);
  });
}

function realmCounts(totals: SessionTotals, clientIds: ReadonlySet<string>): { regular: number; offline: number } {
  const mine = totals.perClient.filter((c) => clientIds.has(c.clientId));
  return { regular: mine.reduce((s, c) => s + c.active, 0), offline: mine.reduce((s, c) => s + c.offline, 0) };
}

async function loginWithRetry(url: string, login: LargeLogin): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await passwordLogin({
        url,
        realm: LARGE_REALM,
        clientId: login.clientId,
        username: login.username,
        password: LARGE_USER_PASSWORD,
        offline: login.offline,
      });
      return;
    } catch (error) {
      const status = error instanceof KeycloakHttpError ? error.status : 0;
      // 4xx other than 429 will not get better by trying again.
      if (attempt >= LOGIN_ATTEMPTS || (status >= 400 && status < 500 && status !== 429)) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new Error(`Seeding stopped: ${login.username} could not log in to ${login.clientId}. ${reason}`, { cause: error });
      }
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
  }
}

/**
 * Fills realm `large` up to 8,500 regular + 1,500 offline sessions of 1,000 users on 20 clients
 * (`sessions`: that shape scaled, 10 sessions per user), and adds `idleUsers` users without
 * sessions. Idempotent: counts the client sessions and users that exist first and only adds the
 * missing ones.
 */
export async function seedLargeRealm(args: LargeSeedArgs): Promise<LargeSeedResult> {
  const log = args.log ?? (() => undefined);
  const concurrency = args.concurrency ?? DEFAULT_CONCURRENCY;
  const started = performance.now();
  const token = adminTokens(args.url);
  const users = largeUserCountFor(args.sessions ?? LARGE_DEFAULT_SESSIONS);
  const plan = planLargeLogins(users);
  const targets = largeTargets(plan);
  const appIds = new Set(plan.map((l) => l.clientId));

  await ensureLargeRealm(args.url, token, log, users);
  const setupSeconds = seconds(started);
  const idleStarted = performance.now();
  const idleUsers = await ensureIdleUsers(args.url, token, args.idleUsers ?? 0, log);
  const idleImportSeconds = seconds(idleStarted);

  const beforeTotals = await clientSessionTotals(args.url, await token(), LARGE_REALM);
  const before = realmCounts(beforeTotals, appIds);
  const todo = missingLogins(plan, beforeTotals);
  log(
    `Realm ${LARGE_REALM} holds ${before.regular} regular + ${before.offline} offline sessions (target ${targets.regular} + ${targets.offline}); ${todo.length} logins to go, ${concurrency} at a time.`,
  );

  const loginStarted = performance.now();
  let done = 0;
  await forEachWithConcurrency(todo, concurrency, async (login) => {
    await loginWithRetry(args.url, login);
    done++;
    if (done % PROGRESS_EVERY === 0 || done === todo.length) {
      const elapsed = (performance.now() - loginStarted) / 1000;
      log(`  ${done}/${todo.length} logins, ${Math.round(done / Math.max(elapsed, 0.001))}/s`);
    }
  });
  const loginSeconds = seconds(loginStarted);

  const after = realmCounts(await clientSessionTotals(args.url, await token(), LARGE_REALM), appIds);
  return {
    targets,
    before,
    created: { regular: todo.filter((l) => !l.offline).length, offline: todo.filter((l) => l.offline).length },
    after,
    setupSeconds,
    idleUsers,
    idleImportSeconds,
    loginSeconds,
    seconds: seconds(started),
    loginsPerSecond: todo.length > 0 ? Math.round(todo.length / Math.max(loginSeconds, 0.1)) : 0,
  };
}
