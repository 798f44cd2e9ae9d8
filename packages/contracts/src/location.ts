import { z } from 'zod';

/**
 * Where a session's IP address comes from, looked up in the BFF from IP databases shipped as npm
 * packages (no outside service). `scope`: `public` — a routable address, looked up; `private` — a
 * private, loopback, link-local or otherwise reserved address, which has no country ("private
 * network"); `unknown` — not a canonical address (Keycloak stores forwarded values as given, e.g.
 * `134744072` or `[2001:db8::1]`). NAT64, 6to4 and Teredo addresses are located by the IPv4 address they carry.
 */
export const sessionLocationSchema = z.object({
  scope: z.enum(['public', 'private', 'unknown']),
  /** ISO 3166-1 alpha-2 code and its English name; null when the database has no country for it. */
  country: z.object({ code: z.string(), name: z.string() }).nullable(),
  /** The autonomous system (network operator) announcing the address; null when unknown. */
  network: z.object({ asn: z.number().int(), name: z.string() }).nullable(),
});
export type SessionLocation = z.infer<typeof sessionLocationSchema>;

/**
 * Filters by where sessions come from (GET …/sessions and bulk jobs by filter): `country` — an
 * ISO 3166-1 alpha-2 code or an English country name, `private` for private networks, or `unknown`
 * for sessions whose country the console cannot tell (an address it cannot read, or one without a
 * country in the database), matched whole and case-insensitively; `network` — part of the network operator's name, or `AS<number>`.
 */
export const locationFilterShape = {
  country: z.string().trim().min(1, 'must not be empty').max(100, 'may be at most 100 characters').optional(),
  network: z.string().trim().min(1, 'must not be empty').max(200, 'may be at most 200 characters').optional(),
};

/** Where a set of sessions comes from: each country and network with how many sessions, most first. */
export const locationSummarySchema = z.object({
  countries: z.array(z.object({ code: z.string(), name: z.string(), sessions: z.number().int() })),
  networks: z.array(z.object({ asn: z.number().int(), name: z.string(), sessions: z.number().int() })),
  /** Sessions from private, loopback or reserved addresses. */
  privateNetwork: z.number().int(),
});
export type LocationSummary = z.infer<typeof locationSummarySchema>;

/**
 * Where a user's ended sessions came from, read from the audit trail's records of sessions ended
 * from the console (`session.end`, `bulk.item`, `user.logout`, succeeded) and located by the BFF
 * with the same databases. Those records carry the session's address (`details.ipAddress`, or
 * `details.ipAddresses` for a logout, one per distinct address) since this was added; older ones
 * carry none and are only counted. Sessions that ended without the console (expired, logged out in
 * Keycloak) are not in the trail. `sessions` counts ended sessions (a logout's distinct addresses
 * count once each).
 */
export const endedLocationSummarySchema = locationSummarySchema.extend({
  /** Trail records of ended sessions read for the user (the newest, up to a bound). */
  records: z.number().int(),
  /** Of those, the records that carry no address (written before addresses were kept). */
  withoutAddress: z.number().int(),
});
export type EndedLocationSummary = z.infer<typeof endedLocationSummarySchema>;

const ipDatabaseSchema = z.object({
  /** The npm package the data ships in, and its version (the version encodes the build date). */
  package: z.string(),
  version: z.string(),
  /** When the data was built, ISO 8601 (the MMDB build epoch, or the date in the package version). */
  builtAt: z.string().nullable(),
  licence: z.string(),
  attribution: z.string(),
});

/** GET /api/admin/ip-location (admins): which databases locate sessions, or that location is off. */
export const ipLocationInfoSchema = z.object({
  enabled: z.boolean(),
  country: ipDatabaseSchema.nullable(),
  network: ipDatabaseSchema.nullable(),
  /** Time to load and index both databases at start, milliseconds. */
  loadMs: z.number().nullable(),
});
export type IpLocationInfo = z.infer<typeof ipLocationInfoSchema>;
