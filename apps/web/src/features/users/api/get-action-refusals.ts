import { useQueries } from '@tanstack/react-query';
import { userQueryOptions } from './get-user';

/** Most users whose detail is read for one list page (each is a live read in Keycloak). */
export const ACTION_REFUSALS_MAX_USERS = 10;

/**
 * Why the operator may not act on each of these users, before they try: the BFF's own decision
 * (`allowedActions.refusal` of GET /api/realms/:realm/users/:userId, e.g. help desk and a console
 * administrator). Reads at most {@link ACTION_REFUSALS_MAX_USERS} users; for users it did not read
 * (or not yet), the answer is undefined and the server still refuses on confirm.
 * Returns `(userId) => refusal in words | undefined`.
 */
export function useActionRefusals(realm: string, userIds: readonly string[], enabled: boolean): (userId: string) => string | undefined {
  const ids = enabled ? [...new Set(userIds)].slice(0, ACTION_REFUSALS_MAX_USERS) : [];
  const refusals = useQueries({
    queries: ids.map((userId) => ({ ...userQueryOptions(realm, userId), staleTime: 60_000 })),
    combine: (results) => {
      const byUser = new Map<string, string>();
      results.forEach((result, index) => {
        const id = ids[index];
        const detail = result.data;
        if (id && detail && !detail.allowedActions.endSession) byUser.set(id, detail.allowedActions.refusal ?? 'You may not end this user’s sessions.');
      });
      return byUser;
    },
  });
  return (userId) => refusals.get(userId);
}
