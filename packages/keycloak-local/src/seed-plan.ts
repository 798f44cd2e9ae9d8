import { demoRealm } from './demo-realm.ts';
import { listEndUsernames } from './end-users.ts';
import { seededRandom } from './seeded-random.ts';

export interface PlannedLogin {
  username: string;
  clientId: string;
  offline: boolean;
}

const SEED = 4_242;
const MAX_REGULAR_PER_USER = 3;
const OFFLINE_EVERY = 4;

/**
 * Deterministic: each user gets 1–3 regular sessions on distinct demo apps, and every 4th user one
 * offline session on yet another app. (A password grant with offline_access leaves no online session.)
 */
export function planDemoLogins(
  usernames: readonly string[] = listEndUsernames(),
  apps: readonly string[] = demoRealm.apps,
): PlannedLogin[] {
  const random = seededRandom(SEED);
  const logins: PlannedLogin[] = [];
  usernames.forEach((username, index) => {
    const regular = Math.min(1 + Math.floor(random() * MAX_REGULAR_PER_USER), apps.length);
    const first = Math.floor(random() * apps.length);
    const appAt = (offset: number): string => apps[(first + offset) % apps.length] as string;
    for (let i = 0; i < regular; i++) logins.push({ username, clientId: appAt(i), offline: false });
    if (index % OFFLINE_EVERY === 0) logins.push({ username, clientId: appAt(regular), offline: true });
  });
  return logins;
}
