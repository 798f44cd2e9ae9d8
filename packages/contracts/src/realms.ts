import { z } from 'zod';
import { permissionSchema } from './role-schemas.js';

/** GET /api/realms */
export const realmSummarySchema = z.object({
  name: z.string(),
  isDefault: z.boolean(),
  /** What the signed-in operator may do in this realm. */
  permissions: z.array(permissionSchema),
});
export type RealmSummary = z.infer<typeof realmSummarySchema>;

export const realmsResponseSchema = z.object({
  realms: z.array(realmSummarySchema),
  defaultRealm: z.string(),
});
export type RealmsResponse = z.infer<typeof realmsResponseSchema>;
