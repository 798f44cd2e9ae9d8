import type { KeycloakSessions } from '../keycloak/sessions-api.js';
import { inParallel } from './in-parallel.js';

/** How many single-user reads run toward Keycloak at once. */
const READ_PARALLELISM = 4;
/** Below this many users, reading each is surely cheaper than counting and paging the realm. */
const PAGING_WORTH_CHECKING = 20;

/**
 * How a fact about users is read: one user at a time, or every user of the realm a page at a time
 * (only the wanted kept); without `byPaging`, always one at a time.
 */
export interface UserReads<T> {
  one: (userId: string) => Promise<T | undefined>;
  byPaging?: ((wanted: ReadonlySet<string>) => Promise<Map<string, T>>) | undefined;
}

/**
 * Reads `read` for each of `userIds` of `realm` and hands each answer to `store` (undefined: Keycloak
 * has no such user): one call per user, or paging every user of the realm when that takes fewer calls
 * (ceil(users ÷ page size) + 1 for the count), as a realm's first snapshot build does when every user
 * is new. Keycloak errors propagate.
 */
export async function readUsers<T>(
  keycloak: Pick<KeycloakSessions, 'userCount' | 'userPageSize'>,
  realm: string,
  userIds: readonly string[],
  read: UserReads<T>,
  store: (userId: string, value: T | undefined) => void,
): Promise<void> {
  if (userIds.length === 0) return;
  if (read.byPaging && userIds.length > PAGING_WORTH_CHECKING) {
    const pages = Math.ceil((await keycloak.userCount(realm)) / keycloak.userPageSize) + 1;
    if (pages < userIds.length) {
      const paged = await read.byPaging(new Set(userIds));
      for (const id of userIds) store(id, paged.get(id));
      return;
    }
  }
  await inParallel(userIds, READ_PARALLELISM, async (id) => store(id, await read.one(id)));
}
