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
  '200.160.', // BR: NIC.br
  '41.0.', // ZA: Vodacom
  '190.0.', // CO: EPM
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
