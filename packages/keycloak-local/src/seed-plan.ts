import { demoRealm } from './demo-realm.ts';
import { listEndUsernames } from './end-users.ts';
import { seededRandom } from './seeded-random.ts';

export interface PlannedLogin {
  username: string;
  clientId: string;
  offline: boolean;
  /** The address the login comes "from" (sent as X-Forwarded-For, which the local Keycloak trusts from loopback). */
  forwardedFor: string;
}

/**
 * Public networks the demo users sign in from, weighted by repetition (country, operator: as the
 * shipped IP databases place them). IPv4 prefixes take two random octets, IPv6 ones a random tail.
 */
const HOME_NETWORKS = [
  '84.128.', '84.128.', '77.0.', '2a02:8100::', // DE: Deutsche Telekom, Telefónica Germany, Vodafone
  '90.0.', '90.0.', '2a01:e00::', // FR: Orange, Free
  '62.30.', '81.2.69.', // GB: Virgin Media, Andrews & Arnold
  '24.0.', '2600:1700::', // US: Comcast, AT&T
  '88.0.', // ES: Telefónica
  '1.128.', // AU: Telstra
  '200.160.', // BR: several Brazilian networks
  '41.0.', // ZA: Vodacom
  '181.48.', // CO: Telmex Colombia (190.0.x spans six countries)
] as const;
/** One user in this many works from an office network (a private address behind the company proxy). */
const OFFICE_EVERY = 15;
/** One user in this many has one of their sessions from another country (travelling, or a stolen password). */
const TRAVEL_EVERY = 25;

function addressIn(prefix: string, random: () => number): string {
  const byte = (from: number) => from + Math.floor(random() * (255 - from));
  if (prefix.includes(':')) return `${prefix}${(1 + Math.floor(random() * 0xfffe)).toString(16)}`;
  return prefix.split('.').length === 4 ? `${prefix}${byte(1)}` : `${prefix}${byte(0)}.${byte(1)}`;
}

const SEED = 4_242;
const MAX_REGULAR_PER_USER = 3;
const OFFLINE_EVERY = 4;

/**
 * Deterministic: each user gets 1–3 regular sessions on distinct demo apps, and every 4th user one
 * offline session on yet another app. (A password grant with offline_access leaves no online session.)
 * Each user signs in from a home network (a few from an office's private network), and every
 * TRAVEL_EVERY-th user has one session from a network in another country.
 */
export function planDemoLogins(
  usernames: readonly string[] = listEndUsernames(),
  apps: readonly string[] = demoRealm.apps,
): PlannedLogin[] {
  const random = seededRandom(SEED);
  // Addresses draw from their own sequence, so the sessions per user and app stay as they were.
  const place = seededRandom(SEED + 1);
  const logins: PlannedLogin[] = [];
  usernames.forEach((username, index) => {
    const regular = Math.min(1 + Math.floor(random() * MAX_REGULAR_PER_USER), apps.length);
    const first = Math.floor(random() * apps.length);
    const appAt = (offset: number): string => apps[(first + offset) % apps.length] as string;
    const homeAt = Math.floor(place() * HOME_NETWORKS.length);
    const home = HOME_NETWORKS[homeAt] as string;
    const office = index % OFFICE_EVERY === 7 ? `10.${20 + (index % 5)}.${Math.floor(place() * 255)}.${1 + Math.floor(place() * 250)}` : undefined;
    const from = (i: number) => {
      if (index % TRAVEL_EVERY === 3 && i === 1) return addressIn(HOME_NETWORKS[(homeAt + 7) % HOME_NETWORKS.length] as string, place);
      return office ?? addressIn(home, place);
    };
    for (let i = 0; i < regular; i++) logins.push({ username, clientId: appAt(i), offline: false, forwardedFor: from(i) });
    if (index % OFFLINE_EVERY === 0) logins.push({ username, clientId: appAt(regular), offline: true, forwardedFor: from(0) });
  });
  return logins;
}

/** What the demo's "sessions of concern" cases add to the plan (see the README's "Sessions of concern"). */
export interface ConcernLogins {
  /** Made with the rest of the seed. */
  now: PlannedLogin[];
  /**
   * Made once the seed is done and the clock has moved to a later second (Keycloak stamps sessions
   * in whole seconds): a session whose country is newer than every other session of its user.
   */
  later: PlannedLogin[];
  /** `tooManySessions`: more live sessions than the default limit (5); `newCountry`: a later session from another country. */
  users: { tooManySessions: string; newCountry: string };
}

/** Sessions this many above the default limit of the "too many sessions" rule (5). */
const EXTRA_SESSIONS = 5;
const FOREIGN_NETWORK = '200.160.7.9'; // BR
const FOREIGN_FALLBACK = '1.128.7.9'; // AU, for a user at home in BR

/**
 * Deterministic demo cases for the rules that need particular sessions (the time-based rules need
 * small demo thresholds instead, see scripts/demo.ts): the first two users with only regular
 * sessions from one public network — one gets EXTRA_SESSIONS more sessions from the same address,
 * the other, later, a session from another country. Travellers of `planDemoLogins` already come
 * from two countries within a day.
 */
export function planConcernLogins(plan: readonly PlannedLogin[] = planDemoLogins()): ConcernLogins {
  const byUser = new Map<string, PlannedLogin[]>();
  for (const login of plan) byUser.set(login.username, [...(byUser.get(login.username) ?? []), login]);
  const homeNetwork = (address: string) => (address.includes(':') ? address.split('::')[0] : address.split('.').slice(0, 2).join('.'));
  const settled = [...byUser.entries()].filter(
    ([, logins]) => logins.every((login) => !login.offline && !login.forwardedFor.startsWith('10.')) && new Set(logins.map((login) => homeNetwork(login.forwardedFor))).size === 1,
  );
  const [hoarder, newcomer] = settled;
  if (!hoarder || !newcomer) throw new Error('the demo plan has no two users with sessions from one public network');
  const [hoarderName, [hoarderFirst]] = [hoarder[0], hoarder[1]];
  const [newcomerName, [newcomerFirst]] = [newcomer[0], newcomer[1]];
  if (!hoarderFirst || !newcomerFirst) throw new Error('a demo user without logins');
  const foreign = newcomerFirst.forwardedFor.startsWith('200.160.') ? FOREIGN_FALLBACK : FOREIGN_NETWORK;
  return {
    now: Array.from({ length: EXTRA_SESSIONS }, () => ({ ...hoarderFirst })),
    later: [{ ...newcomerFirst, forwardedFor: foreign }],
    users: { tooManySessions: hoarderName, newCountry: newcomerName },
  };
}
