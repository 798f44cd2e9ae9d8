import { passwordLogin } from './admin-api.ts';
import { forEachWithConcurrency } from './concurrency.ts';
import { demoRealm } from './demo-realm.ts';
import { planConcernLogins, planDemoLogins, type PlannedLogin } from './seed-plan.ts';

export interface SeedArgs {
  url: string;
  realm?: string;
  log?: (line: string) => void;
  concurrency?: number;
}

export interface SeedResult {
  regular: number;
  offline: number;
  users: number;
  seconds: number;
}

const PROGRESS_EVERY = 200;

/** Logs the demo end users in through the token endpoint; the tokens are dropped, only the sessions matter. */
export async function seedDemoSessions(args: SeedArgs): Promise<SeedResult> {
  const log = args.log ?? (() => undefined);
  const planned = planDemoLogins();
  const concerns = planConcernLogins(planned);
  const logins = [...planned, ...concerns.now, ...concerns.later];
  const started = Date.now();
  let done = 0;
  log(`Creating ${logins.length} sessions in realm ${args.realm ?? demoRealm.realm} at ${args.url} …`);
  const signIn = async (login: PlannedLogin) => {
    try {
      await passwordLogin({
        url: args.url,
        realm: args.realm ?? demoRealm.realm,
        clientId: login.clientId,
        username: login.username,
        password: demoRealm.endUserPassword,
        offline: login.offline,
        forwardedFor: login.forwardedFor,
      });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`Seeding stopped: ${login.username} could not log in to ${login.clientId}. ${reason}`, { cause: error });
    }
    done++;
    if (done % PROGRESS_EVERY === 0) log(`${done}/${logins.length} logins done`);
  };
  await forEachWithConcurrency([...planned, ...concerns.now], args.concurrency ?? 8, signIn);
  // Keycloak stamps sessions in whole seconds: the new country must be seen after the user's home one.
  const second = Math.floor(Date.now() / 1000);
  while (Math.floor(Date.now() / 1000) <= second) await new Promise((resolve) => setTimeout(resolve, 50));
  for (const later of concerns.later) await signIn(later);
  log(`Sessions of concern: ${concerns.users.tooManySessions} has too many sessions, ${concerns.users.newCountry} signed in from a new country`);
  return {
    regular: logins.filter((l) => !l.offline).length,
    offline: logins.filter((l) => l.offline).length,
    users: new Set(logins.map((l) => l.username)).size,
    seconds: Math.round((Date.now() - started) / 100) / 10,
  };
}
