import { z } from 'zod';
import { permissionSchema } from './roles.js';

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

/** GET /api/realms/:realm/clients/stats */
export const clientStatsSchema = z.object({
  id: z.string(),
  clientId: z.string(),
  active: z.number().int(),
  offline: z.number().int(),
});
export type ClientStats = z.infer<typeof clientStatsSchema>;

export const clientStatsResponseSchema = z.object({
  clients: z.array(clientStatsSchema),
});
export type ClientStatsResponse = z.infer<typeof clientStatsResponseSchema>;
