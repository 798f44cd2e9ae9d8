import { z } from 'zod';
import { reasonSchema } from './ids.js';

/** POST /api/realms/:realm/logout-all and /revoke-tokens: the admin types the realm's name to confirm. */
export const realmActionBodySchema = z
  .object({
    reason: reasonSchema,
    confirmRealm: z.string().max(64),
  })
  .strict();
export type RealmActionBody = z.input<typeof realmActionBodySchema>;

export const realmActionResponseSchema = z.object({
  realm: z.string(),
  action: z.enum(['logout-all', 'revoke-tokens']),
  /** For revoke-tokens: the not-before time now in force. */
  notBefore: z.string().nullable(),
  /** For revoke-tokens: clients that accepted the pushed revocation / that failed it. */
  pushedTo: z.array(z.string()),
  pushFailedFor: z.array(z.string()),
  /**
   * For logout-all: whether Keycloak ended the offline sessions too (26.2 and later do; older
   * versions keep them, and they keep working). False for revoke-tokens, which ends no session.
   */
  offlineEnded: z.boolean().default(false),
});
export type RealmActionResponse = z.infer<typeof realmActionResponseSchema>;
