import { z } from 'zod';
import { wholeNumberParam } from './query.js';
import { clientIdSchema, userIdSchema } from './ids.js';
import {
  adminEventOperations,
  eventTypeMessage,
  instantMessage,
  IP_ADDRESS_TEXT,
  ipAddressMessage,
  isInstant,
  KEYCLOAK_TYPE_NAME,
  resourceTypeMessage,
} from './rules.js';

/** See isInstant; read as epoch milliseconds. */
const instant = z
  .string()
  .refine(isInstant, instantMessage)
  .transform((value) => (/^\d+$/.test(value) ? Number(value) : Date.parse(value)));

const page = {
  first: wholeNumberParam(0, 100_000).default(0),
  max: wholeNumberParam(1, 200).default(50),
};

/** GET /api/realms/:realm/events: Keycloak's login events of the realm. */
export const loginEventsQuerySchema = z.object({
  type: z.string().regex(KEYCLOAK_TYPE_NAME, eventTypeMessage).optional(),
  /** A user's exact username, or their id (Keycloak's own filter takes the id; the BFF finds it by username first). */
  user: userIdSchema.optional(),
  client: clientIdSchema.optional(),
  ip: z.string().regex(IP_ADDRESS_TEXT, ipAddressMessage).optional(),
  /** Inclusive instants (epoch milliseconds once parsed). */
  from: instant.optional(),
  to: instant.optional(),
  ...page,
}).strict();
export type LoginEventsQuery = z.infer<typeof loginEventsQuerySchema>;

export const loginEventSchema = z.object({
  time: z.string(),
  type: z.string(),
  userId: z.string().nullable(),
  /** From the event, or resolved through the Admin API (cached); null when Keycloak has no such user. */
  username: z.string().nullable(),
  ipAddress: z.string().nullable(),
  clientId: z.string().nullable(),
  sessionId: z.string().nullable(),
  error: z.string().nullable(),
  details: z.record(z.string(), z.string()),
});
export type LoginEvent = z.infer<typeof loginEventSchema>;

/**
 * One page of events: `enabled` says whether the realm records these events at all (false: explain
 * instead of showing an empty table).
 */
const eventsPageSchema = <T extends z.ZodType>(item: T) =>
  z.object({
    enabled: z.boolean(),
    items: z.array(item),
    first: z.number().int(),
    max: z.number().int(),
    more: z.boolean(),
  });

export const loginEventsResponseSchema = eventsPageSchema(loginEventSchema);
export type LoginEventsResponse = z.infer<typeof loginEventsResponseSchema>;

/** GET /api/realms/:realm/admin-events: Keycloak's admin events of the realm. */
export const adminEventsQuerySchema = z.object({
  operation: z.enum(adminEventOperations).optional(),
  resourceType: z.string().regex(KEYCLOAK_TYPE_NAME, resourceTypeMessage).optional(),
  from: instant.optional(),
  to: instant.optional(),
  ...page,
}).strict();
export type AdminEventsQuery = z.infer<typeof adminEventsQuerySchema>;

export const adminEventSchema = z.object({
  time: z.string(),
  operationType: z.string(),
  resourceType: z.string().nullable(),
  resourcePath: z.string().nullable(),
  /** The username of the user a `users/{id}…` resource path names (resolved, cached). */
  resourceUsername: z.string().nullable().optional(),
  authUserId: z.string().nullable(),
  /** The acting user's username (resolved, cached); the service account for console actions. */
  authUsername: z.string().nullable().optional(),
  authClientId: z.string().nullable(),
  authIpAddress: z.string().nullable(),
  error: z.string().nullable(),
});
export type AdminEvent = z.infer<typeof adminEventSchema>;

export const adminEventsResponseSchema = eventsPageSchema(adminEventSchema);
export type AdminEventsResponse = z.infer<typeof adminEventsResponseSchema>;
