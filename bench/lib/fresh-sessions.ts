import {
  forEachWithConcurrency,
  KeycloakHttpError,
  LARGE_CLIENT_IDS,
  LARGE_REALM,
  LARGE_USER_COUNT,
  LARGE_USER_PASSWORD,
  largeUsername,
  passwordLogin,
} from '@session-desk/keycloak-local';

export interface FreshSession {
  /** Keycloak's user session id (`session_state`, or the token's `sid`). */
  id: string;
  username: string;
  clientId: string;
}

const LOGIN_ATTEMPTS = 3;

/** The `sid` claim of an access token (Keycloak's user session id). */
function sidOf(accessToken: string): string | undefined {
  try {
    const payload = JSON.parse(Buffer.from(accessToken.split('.')[1] ?? '', 'base64url').toString('utf8')) as { sid?: unknown };
    return typeof payload.sid === 'string' ? payload.sid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `count` new regular sessions in realm `large`, made the way seed:large makes them: a password
 * grant of large-user-NNNN on a public large-app-NN client, `concurrency` at a time, retried on 429,
 * 5xx and network errors. Login i is user i mod 1,000, so the first 1,000 sessions belong to 1,000
 * different users, and so do the next 1,000 (on another client of the same user).
 */
export async function createFreshSessions(
  url: string,
  count: number,
  options: { concurrency?: number; log?: (line: string) => void } = {},
): Promise<{ sessions: FreshSession[]; seconds: number; loginsPerSecond: number }> {
  const concurrency = options.concurrency ?? 8;
  const sessions: FreshSession[] = Array.from({ length: count });
  const started = performance.now();
  let done = 0;
  await forEachWithConcurrency(
    Array.from({ length: count }, (_, i) => i),
    concurrency,
    async (i) => {
      const user = i % LARGE_USER_COUNT;
      const round = Math.floor(i / LARGE_USER_COUNT);
      const username = largeUsername(user);
      const clientId = LARGE_CLIENT_IDS[(user * 3 + round * 7) % LARGE_CLIENT_IDS.length] as string;
      for (let attempt = 1; ; attempt++) {
        try {
          const tokens = await passwordLogin({ url, realm: LARGE_REALM, clientId, username, password: LARGE_USER_PASSWORD });
          const id = tokens.session_state ?? sidOf(tokens.access_token);
          if (!id) throw new Error(`The login of ${username} on ${clientId} returned no session id.`);
          sessions[i] = { id, username, clientId };
          break;
        } catch (error) {
          const status = error instanceof KeycloakHttpError ? error.status : 0;
          if (attempt >= LOGIN_ATTEMPTS || (status >= 400 && status < 500 && status !== 429)) throw error;
          await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
        }
      }
      done++;
      if (done % 1_000 === 0 || done === count) options.log?.(`  ${done}/${count} fresh sessions`);
    },
  );
  const seconds = (performance.now() - started) / 1000;
  return { sessions, seconds: Math.round(seconds * 10) / 10, loginsPerSecond: Math.round(count / Math.max(seconds, 0.001)) };
}
