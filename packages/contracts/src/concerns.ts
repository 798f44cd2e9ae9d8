import { z } from 'zod';
import { reasonSchema } from './ids.js';
import { sessionRowSchema, snapshotInfoSchema } from './sessions.js';
import { concernRuleIds, concernSettingBounds, concernSettingsDefaults } from './rules.js';

/**
 * "Sessions of concern": rules the BFF runs over a realm's current session snapshot (the same rows
 * the Sessions list shows, with their location) and the history of countries it has seen per user.
 * - `many-countries`: a user's live sessions come from more than one country, started within the window;
 * - `too-many-sessions`: a user holds more live sessions (regular and offline) than the limit;
 * - `new-country`: a session from a country the user had never had a session from before, while
 *   they had sessions from another one (history kept by the BFF since it first saw the user);
 * - `idle-offline`: an offline session not used for longer than the limit;
 * - `old-session`: a session started longer ago than the limit.
 * Private, loopback and reserved addresses never count as a country. Revoked sessions (tokens
 * refused by Keycloak) are not live and are never flagged.
 */
export const concernRuleIdSchema = z.enum(concernRuleIds);
export type ConcernRuleId = z.infer<typeof concernRuleIdSchema>;

const bounded = (name: keyof typeof concernSettingBounds, unit: string) => {
  const { min, max } = concernSettingBounds[name];
  return z
    .number({ error: `must be a number of ${unit}` })
    .int(`must be a whole number of ${unit}`)
    .min(min, `must be at least ${min} ${unit}`)
    .max(max, `must be at most ${max} ${unit}`);
};
const enabled = z.boolean({ error: 'must be true or false' });

/** Each rule's fields, without defaults (the settings fill them in, a change leaves them out). */
const fields = {
  'many-countries': {
    enabled,
    /** Sessions count together when they started at most this many minutes apart. */
    windowMinutes: bounded('windowMinutes', 'minutes'),
  },
  'too-many-sessions': {
    enabled,
    /** A user is flagged with more live sessions than this. */
    maxSessions: bounded('maxSessions', 'sessions'),
  },
  'new-country': { enabled },
  'idle-offline': {
    enabled,
    /** An offline session whose last use is older than this many minutes is flagged. */
    idleMinutes: bounded('idleMinutes', 'minutes'),
  },
  'old-session': {
    enabled,
    /** A session started longer ago than this many minutes is flagged. */
    maxAgeMinutes: bounded('maxAgeMinutes', 'minutes'),
  },
} as const;

const d = concernSettingsDefaults;

/**
 * The settings of a realm's rules: each rule on or off, with its tunables. A rule or field left out
 * takes its built-in default (see concernSettingsDefaults); unknown keys are refused.
 */
export const concernSettingsSchema = z
  .object({
    'many-countries': z
      .object({ enabled: enabled.default(true), windowMinutes: fields['many-countries'].windowMinutes.default(d['many-countries'].windowMinutes) })
      .strict()
      .default(d['many-countries']),
    'too-many-sessions': z
      .object({ enabled: enabled.default(true), maxSessions: fields['too-many-sessions'].maxSessions.default(d['too-many-sessions'].maxSessions) })
      .strict()
      .default(d['too-many-sessions']),
    'new-country': z.object({ enabled: enabled.default(true) }).strict().default(d['new-country']),
    'idle-offline': z
      .object({ enabled: enabled.default(true), idleMinutes: fields['idle-offline'].idleMinutes.default(d['idle-offline'].idleMinutes) })
      .strict()
      .default(d['idle-offline']),
    'old-session': z
      .object({ enabled: enabled.default(true), maxAgeMinutes: fields['old-session'].maxAgeMinutes.default(d['old-session'].maxAgeMinutes) })
      .strict()
      .default(d['old-session']),
  })
  .strict();
export type ConcernSettings = z.infer<typeof concernSettingsSchema>;
export type ConcernSettingsInput = z.input<typeof concernSettingsSchema>;

/**
 * A change to a realm's settings (PUT …/concerns/settings): the same rules and fields, any of them
 * left out, nothing filled in here. What is left out takes the realm's defaults, the `defaults` the
 * API reports (see withConcernDefaults), so an API client changing one rule never changes another.
 */
export const concernSettingsChangeSchema = z
  .object({
    'many-countries': z.object(fields['many-countries']).partial().strict().optional(),
    'too-many-sessions': z.object(fields['too-many-sessions']).partial().strict().optional(),
    'new-country': z.object(fields['new-country']).partial().strict().optional(),
    'idle-offline': z.object(fields['idle-offline']).partial().strict().optional(),
    'old-session': z.object(fields['old-session']).partial().strict().optional(),
  })
  .strict();
export type ConcernSettingsChange = z.infer<typeof concernSettingsChangeSchema>;

/** The settings a change gives: each rule's fields from the change, the ones it leaves out from `defaults`. */
export function withConcernDefaults(change: ConcernSettingsChange, defaults: ConcernSettings): ConcernSettings {
  return concernSettingsSchema.parse(Object.fromEntries(concernRuleIds.map((rule) => [rule, { ...defaults[rule], ...change[rule] }])));
}

/** One case: a rule that flags a user, why (naming the evidence), and the sessions it is about. */
export const concernItemSchema = z.object({
  /** `<rule>:<user id>`: one item per rule and user. */
  id: z.string(),
  rule: concernRuleIdSchema,
  /** The evidence in words, e.g. "2 countries within 24 h: DE, US" or "7 live sessions (limit 5)". */
  reason: z.string(),
  user: z.object({ id: z.string(), username: z.string() }),
  /** The flagged sessions (Keycloak session ids), the same as `sessions[].id`. */
  sessionIds: z.array(z.string()),
  /** The flagged sessions as the Sessions list shows them (type, clients, location…), most recently used first. */
  sessions: z.array(sessionRowSchema),
});
export type ConcernItem = z.infer<typeof concernItemSchema>;

const countsByRuleSchema = z.object(
  Object.fromEntries(concernRuleIds.map((rule) => [rule, z.number().int()])) as Record<ConcernRuleId, z.ZodNumber>,
);
export type ConcernCountsByRule = z.infer<typeof countsByRuleSchema>;

/** GET /api/realms/:realm/concerns query: optionally only one rule's items. */
export const concernListQuerySchema = z.object({ rule: concernRuleIdSchema.optional() }).strict();
export type ConcernListQuery = z.infer<typeof concernListQuerySchema>;

/** GET /api/realms/:realm/concerns: every case in the realm now, rule by rule (in the order of concernRuleIds), then by username. */
export const concernListResponseSchema = z.object({
  realm: z.string(),
  items: z.array(concernItemSchema),
  /** Items per rule (of the whole realm, whatever `rule` filtered). */
  byRule: countsByRuleSchema,
  /** The settings the rules ran with. */
  settings: concernSettingsSchema,
  /** When the rules ran (ISO 8601); the sessions are those of `snapshot`. */
  evaluatedAt: z.string(),
  snapshot: snapshotInfoSchema,
});
export type ConcernListResponse = z.infer<typeof concernListResponseSchema>;

/** GET /api/realms/:realm/concerns/count: the navigation badge. */
export const concernCountResponseSchema = z.object({
  realm: z.string(),
  /** Items (rule and user pairs) flagged now: the length of the list's `items`. */
  count: z.number().int(),
  byRule: countsByRuleSchema,
});
export type ConcernCountResponse = z.infer<typeof concernCountResponseSchema>;

/** GET and PUT /api/realms/:realm/concerns/settings. */
export const concernSettingsResponseSchema = z.object({
  realm: z.string(),
  settings: concernSettingsSchema,
  /** The realm's defaults (CONCERN_DEFAULTS, else the built-in ones): what a field left out of a change takes, and what "reset" returns to. */
  defaults: concernSettingsSchema,
  /** The last saved change (ISO 8601 and who); null while the realm runs on the defaults. */
  updatedAt: z.string().nullable(),
  updatedBy: z.object({ id: z.string(), username: z.string() }).nullable(),
});
export type ConcernSettingsResponse = z.infer<typeof concernSettingsResponseSchema>;

/** PUT /api/realms/:realm/concerns/settings: replaces the realm's settings (left-out rules and fields take the `defaults` the API reports), with a reason. */
export const concernSettingsUpdateBodySchema = z
  .object({
    reason: reasonSchema,
    settings: concernSettingsChangeSchema,
  })
  .strict();
export type ConcernSettingsUpdateBody = z.input<typeof concernSettingsUpdateBodySchema>;
