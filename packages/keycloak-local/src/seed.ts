import { passwordLogin } from './admin-api.ts';
import { forEachWithConcurrency } from './concurrency.ts';
import { demoRealm } from './demo-realm.ts';
import { planDemoLogins } from './seed-plan.ts';

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
  const logins = planDemoLogins();
  const started = Date.now();
  let done = 0;
  log(`Creating ${logins.length} sessions in realm ${args.realm ?? demoRealm.realm} at ${args.url} …`);
  await forEachWithConcurrency(logins, args.concurrency ?? 8, async (login) => {
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
  });
  return {
    regular: logins.filter((l) => !l.offline).length,
    offline: logins.filter((l) => l.offline).length,
    users: new Set(logins.map((l) => l.username)).size,
    seconds: Math.round((Date.now() - started) / 100) / 10,
  };
}
