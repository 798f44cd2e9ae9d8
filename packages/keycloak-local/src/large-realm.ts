import { seedAppClientDocument, serviceAccountUserDocument, serviceClientDocument } from './client-document.ts';
import { SERVICE_ACCOUNT_ROLES } from './demo-realm.ts';

/**
 * The `large` realm: a benchmark-sized realm (10,000 live sessions of 1,000 users on 20 clients)
 * kept apart from the small `demo` realm. Demo-only credentials, like the demo realm.
 */
export const LARGE_REALM = 'large';
export const LARGE_USER_COUNT = 1_000;
export const LARGE_CLIENT_COUNT = 20;
/** Sessions per user: 10 logins on 10 different clients; the last one or two are offline. */
export const LARGE_SESSIONS_PER_USER = 10;
export const LARGE_USER_PASSWORD = 'large-user-password';

const HOUR_SECONDS = 60 * 60;
const DAY_SECONDS = 24 * HOUR_SECONDS;

const FIRST_NAMES = ['Ada', 'Ben', 'Chloe', 'Dara', 'Eli', 'Fern', 'Gus', 'Hana', 'Ivo', 'June', 'Kai', 'Lena', 'Milo', 'Nora', 'Otto', 'Pia', 'Quin', 'Rhea', 'Sami', 'Tess', 'Uri', 'Vera', 'Wim', 'Xena', 'Yuri'] as const;
const LAST_NAMES = ['Arden', 'Blake', 'Cole', 'Drake', 'Ellis', 'Frost', 'Grant', 'Hale', 'Irving', 'Jones', 'Keane', 'Lowe', 'Moss', 'Nash', 'Oakes', 'Pryce', 'Quayle', 'Reed', 'Stone', 'Tate', 'Underwood', 'Vance', 'Wolfe', 'Young', 'Zane', 'Ames', 'Birch', 'Crane', 'Dunn', 'Eaton', 'Fox', 'Gray', 'Hart', 'Ives', 'Jay', 'Knox', 'Lake', 'Marsh', 'North', 'Oliver'] as const;

const pad = (n: number, width: number) => String(n).padStart(width, '0');

export function largeUsername(index: number): string {
  return `large-user-${pad(index + 1, 4)}`;
}

/** Users without sessions (`seed:large --users N`): the part of a production realm that is not signed in. */
export function largeIdleUsername(index: number): string {
  return `large-idle-${pad(index + 1, 6)}`;
}

/** The default sessions of realm `large`, and the largest `--sessions` accepted. */
export const LARGE_DEFAULT_SESSIONS = 10_000;
export const LARGE_MAX_SESSIONS = 200_000;

/** Users needed for `sessions` sessions (10 each); throws unless `sessions` is a multiple of 10 within bounds. */
export function largeUserCountFor(sessions: number): number {
  if (!Number.isInteger(sessions) || sessions < LARGE_SESSIONS_PER_USER || sessions > LARGE_MAX_SESSIONS || sessions % LARGE_SESSIONS_PER_USER !== 0) {
    throw new RangeError(`--sessions must be a multiple of ${LARGE_SESSIONS_PER_USER} from ${LARGE_SESSIONS_PER_USER} to ${LARGE_MAX_SESSIONS}, got ${sessions}.`);
  }
  return sessions / LARGE_SESSIONS_PER_USER;
}

export function largeClientId(index: number): string {
  return `large-app-${pad(index + 1, 2)}`;
}

export const LARGE_CLIENT_IDS: readonly string[] = Array.from({ length: LARGE_CLIENT_COUNT }, (_, i) => largeClientId(i));

export interface LargeLogin {
  username: string;
  clientId: string;
  offline: boolean;
}

/**
 * Deterministic: user u logs in to clients (u + 2k) mod 20 for k = 0..9 (ten different clients);
 * k = 9 is always offline and k = 8 is offline for every other block of 20 users, so 8,500 regular
 * and 1,500 offline sessions, spread evenly over the 20 clients (425 regular + 75 offline each).
 */
export function planLargeLogins(users: number = LARGE_USER_COUNT): LargeLogin[] {
  const logins: LargeLogin[] = [];
  for (let u = 0; u < users; u++) {
    for (let k = 0; k < LARGE_SESSIONS_PER_USER; k++) {
      const offline = k === 9 || (k === 8 && Math.floor(u / LARGE_CLIENT_COUNT) % 2 === 0);
      logins.push({ username: largeUsername(u), clientId: largeClientId((u + 2 * k) % LARGE_CLIENT_COUNT), offline });
    }
  }
  return logins;
}

export interface LargeTargets {
  regular: number;
  offline: number;
  users: number;
  clients: number;
}

export function largeTargets(plan: readonly LargeLogin[] = planLargeLogins()): LargeTargets {
  const offline = plan.filter((l) => l.offline).length;
  return { regular: plan.length - offline, offline, users: plan.length / LARGE_SESSIONS_PER_USER, clients: LARGE_CLIENT_COUNT };
}

/** Realm settings, created (or re-applied) before any user exists so the cheap password policy applies to them. */
export function largeRealmSettings(): Record<string, unknown> {
  return {
    realm: LARGE_REALM,
    displayName: 'Session Desk large (benchmark)',
    enabled: true,
    sslRequired: 'external',
    registrationAllowed: false,
    loginWithEmailAllowed: true,
    bruteForceProtected: false,
    // Demo only: one PBKDF2 round makes 10,000 password logins cheap.
    passwordPolicy: 'hashAlgorithm(pbkdf2-sha256) and hashIterations(1)',
    ssoSessionIdleTimeout: 10 * HOUR_SECONDS,
    ssoSessionMaxLifespan: 24 * HOUR_SECONDS,
    eventsEnabled: true,
    eventsExpiration: DAY_SECONDS,
    eventsListeners: ['jboss-logging'],
    adminEventsEnabled: false,
  };
}

export function largeAppClients(): Array<Record<string, unknown>> {
  return LARGE_CLIENT_IDS.map((clientId, i) =>
    seedAppClientDocument(clientId, `Large App ${pad(i + 1, 2)}`, 'Benchmark application; direct access grants exist only so seeding can create sessions.'),
  );
}

/** The same client id and secret as the demo realm's service client, so one BFF credential pair works in both realms. */
export function largeServiceClient(): Record<string, unknown> {
  return serviceClientDocument('The BFF calls the Admin API of this realm with this client (client credentials).');
}

export const LARGE_SERVICE_ROLES: readonly string[] = SERVICE_ACCOUNT_ROLES;

export function largeServiceAccountUser(): Record<string, unknown> {
  return { ...serviceAccountUserDocument() };
}

/** Everything in one document: creating the realm with it imports clients and users in one call (the fast path). */
export function largeRealmRepresentation(users: number = LARGE_USER_COUNT): Record<string, unknown> {
  return {
    ...largeRealmSettings(),
    clients: [...largeAppClients(), largeServiceClient()],
    users: [...largeUsers(users), largeServiceAccountUser()],
  };
}

/** A user of the large realm with an email and names like real ones (`index` picks the names). */
function largePerson(username: string, index: number) {
  return {
    username,
    enabled: true,
    email: `${username}@large.example`,
    emailVerified: true,
    firstName: FIRST_NAMES[index % FIRST_NAMES.length],
    lastName: LAST_NAMES[Math.floor(index / FIRST_NAMES.length) % LAST_NAMES.length],
  };
}

/** Idle users `from` … `to - 1` (no password, never signed in), with an email and names like real ones. */
export function largeIdleUsers(from: number, to: number): Array<Record<string, unknown>> {
  return Array.from({ length: Math.max(0, to - from) }, (_, n) => largePerson(largeIdleUsername(from + n), from + n));
}

export function largeUsers(count: number = LARGE_USER_COUNT): Array<Record<string, unknown>> {
  return Array.from({ length: count }, (_, i) => ({
    ...largePerson(largeUsername(i), i),
    credentials: [{ type: 'password', value: LARGE_USER_PASSWORD, temporary: false }],
    requiredActions: [],
    // Carries offline_access; imported users do not get the default roles otherwise.
    realmRoles: [`default-roles-${LARGE_REALM}`],
  }));
}
