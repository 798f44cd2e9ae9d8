import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { auditActionSchema, auditDetailsSchema, REALM_NAME_MAX_LENGTH, roleSchema, USER_ID_MAX_LENGTH } from '@session-desk/contracts';
import type { AuditDetails, AuditRecord } from '@session-desk/contracts';
import { canonicalJson, hasRememberedCanonicalJson, hashAuditContent, rememberCanonicalJson, type JsonValue } from './audit-hash.js';
import type { NewAuditEntry } from './audit-store.js';

const MAX_DETAILS_CHARS = 8_192;

/**
 * Lone surrogates and NUL cannot be stored as they are (PostgreSQL rejects NUL, both databases
 * replace lone surrogates), and a stored string that differs from the hashed one would read as tampering.
 */
const storable = (text: string): string => text.toWellFormed().replaceAll('\u0000', '\uFFFD');

function storableJson(value: JsonValue): JsonValue {
  if (typeof value === 'string') return storable(value);
  if (Array.isArray(value)) return value.map(storableJson);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, member]) => [storable(key), storableJson(member)]));
  }
  return value;
}

const text = (max: number) => z.string().max(max).transform(storable);
const name = (max: number) => z.string().min(1).max(max).transform(storable);
const optionalText = (max: number) => text(max).nullable().default(null);

const details = auditDetailsSchema
  .transform((value) => canonicalJson(storableJson(value)))
  .refine((json) => json.length <= MAX_DETAILS_CHARS, `details may be at most ${MAX_DETAILS_CHARS} characters of JSON`)
  // Through the stored text and back, so the returned record equals what is read later (-0 is stored as 0).
  // Parsed canonical JSON of a record is a record of JSON values: checking it again would find nothing.
  // Frozen, so the outcome record can share its attempt's details (completionOf) instead of copying them.
  .transform(parsedDetails);

/** Canonical details text parsed back, deep-frozen, its text remembered (hashed and stored as this same text: written once per record, not three times). */
function parsedDetails(json: string): AuditDetails {
  const parsed = deepFreeze(JSON.parse(json) as AuditDetails);
  rememberCanonicalJson(parsed, json);
  return parsed;
}

/**
 * The longest username Keycloak stores: 255 characters (USER_ENTITY.USERNAME, and the default user
 * profile's length validator). User ids and realm names take the limits the routes accept
 * (USER_ID_MAX_LENGTH, REALM_NAME_MAX_LENGTH): a shorter limit here (200, until 3 December 2026) let a
 * request through that then failed, unrecorded, before Keycloak was asked.
 */
const USERNAME_MAX_LENGTH = 255;

/** The fields that say who acted, where, and why: the same for every record of one request or one bulk job. */
const actingSchema = z.object({
  operator: z.object({ id: name(USER_ID_MAX_LENGTH), username: name(USERNAME_MAX_LENGTH), role: roleSchema }),
  realm: name(REALM_NAME_MAX_LENGTH),
  action: auditActionSchema,
  requestId: text(200),
  ip: text(100),
  reason: optionalText(2_000),
  jobId: optionalText(100),
});

/** The fields that say what this one record is about and how it ended. */
export const subjectSchema = z
  .object({
    outcome: z.enum(['attempted', 'succeeded', 'failed', 'refused']),
    targetUser: z.object({ id: name(USER_ID_MAX_LENGTH), username: name(USERNAME_MAX_LENGTH) }).nullable().default(null),
    sessionId: optionalText(200),
    error: optionalText(4_000),
    details: details.nullable().default(null),
    attemptSeq: z.number().int().min(1).nullable().default(null),
  })
  .refine((entry) => (entry.outcome === 'succeeded' || entry.outcome === 'failed') === (entry.attemptSeq !== null), {
    message: "'succeeded' and 'failed' records, and only they, name the attempt they complete",
    path: ['attemptSeq'],
  });

type Subject = z.output<typeof subjectSchema>;

const OUTCOMES: ReadonlySet<unknown> = new Set(['attempted', 'succeeded', 'failed', 'refused']);
const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null);
const stringUpTo = (value: unknown, min: number, max: number): value is string => typeof value === 'string' && value.length >= min && value.length <= max;
const isFlatJsonValue = (value: unknown) => typeof value === 'string' || typeof value === 'boolean' || value === null || (typeof value === 'number' && Number.isFinite(value));

/**
 * Whether every own key of `value` is an enumerable string key other than `__proto__` holding a
 * flat JSON value as a data property (no getter): zod's record refuses symbol keys and drops
 * `__proto__`, and a getter may answer differently when read again.
 */
function isFlatRecord(value: Record<string, unknown>): boolean {
  for (const key of Reflect.ownKeys(value)) {
    if (typeof key !== 'string' || key === '__proto__') return false;
    const property = Object.getOwnPropertyDescriptor(value, key);
    if (!property?.enumerable || !('value' in property) || !isFlatJsonValue(property.value)) return false;
  }
  return true;
}

/**
 * `subjectSchema`'s output for the entries a bulk job makes by the thousand, checked without zod:
 * every field present is a string within its limits (or null), `attemptSeq` a safe integer of at
 * least 1 (or null), `details` a plain object of strings, finite numbers, booleans and nulls; the
 * same transforms follow. Anything else (undefined answer) is left to the schema, which also writes
 * the errors. In a running BFF the schema's check cost about 18 µs of CPU per bulk item, the zod
 * calls of many schemas interleaving; `audit-entry.test.ts` compares both on varied entries.
 */
export function plainSubject(entry: NewAuditEntry): Subject | undefined {
  const { outcome, targetUser = null, sessionId = null, error = null, details: given = null, attemptSeq = null } = entry;
  if (!OUTCOMES.has(outcome)) return undefined;
  // Each value is read once: what is checked is what is written.
  const target = targetUser === null ? null : isPlainObject(targetUser) ? { id: targetUser.id, username: targetUser.username } : undefined;
  if (target === undefined || (target !== null && !(stringUpTo(target.id, 1, USER_ID_MAX_LENGTH) && stringUpTo(target.username, 1, USERNAME_MAX_LENGTH)))) return undefined;
  if ((sessionId !== null && !stringUpTo(sessionId, 0, 200)) || (error !== null && !stringUpTo(error, 0, 4_000))) return undefined;
  if (attemptSeq !== null && !(Number.isSafeInteger(attemptSeq) && attemptSeq >= 1)) return undefined;
  if ((outcome === 'succeeded' || outcome === 'failed') !== (attemptSeq !== null)) return undefined;
  let checkedDetails: AuditDetails | null = null;
  if (given !== null) {
    if (!isPlainObject(given) || !isFlatRecord(given)) return undefined;
    const json = canonicalJson(storableJson(given as JsonValue));
    if (json.length > MAX_DETAILS_CHARS) return undefined;
    checkedDetails = parsedDetails(json);
  }
  return {
    outcome,
    targetUser: target === null ? null : { id: storable(target.id), username: storable(target.username) },
    sessionId: sessionId === null ? null : storable(sessionId),
    error: error === null ? null : storable(error),
    details: checkedDetails,
    attemptSeq,
  };
}

export type PreparedAuditEntry = z.output<typeof actingSchema> & z.output<typeof subjectSchema>;

/** Entries made by `completionOf`: checked already, so `prepareEntry` hands them back as they are. */
const checked = new WeakSet<object>();

function invalid(issues: readonly z.core.$ZodIssue[]): Error {
  const problems = issues.map((issue) => `${issue.path.map(String).join('.') || '(entry)'}: ${issue.message}`);
  return new Error(`Invalid audit entry: ${problems.join('; ')}`);
}

type Acting = z.output<typeof actingSchema>;

/**
 * The acting fields of recent entries, checked, by their exact input. A bulk job's thousand items
 * share them, and checking them again was most of the CPU an item's record cost; checking is a pure
 * function of the input, so a hit returns what a check would. Bounded: the oldest is dropped first.
 */
const recentActing = new Map<string, Acting>();
const RECENT_ACTING_KEPT = 64;

/** The key of an entry's acting fields, or undefined when one is not a string (or an absent optional): those are checked every time. */
function actingKey(entry: NewAuditEntry): string | undefined {
  const { operator } = entry;
  if (typeof operator !== 'object' || operator === null) return undefined;
  const fields: unknown[] = [operator.id, operator.username, operator.role, entry.realm, entry.action, entry.requestId, entry.ip, entry.reason ?? null, entry.jobId ?? null];
  return fields.every((field, i) => typeof field === 'string' || (i >= 7 && field === null)) ? JSON.stringify(fields) : undefined;
}

function checkActing(entry: NewAuditEntry): { success: true; data: Acting } | { success: false; issues: z.core.$ZodIssue[] } {
  const key = actingKey(entry);
  const known = key === undefined ? undefined : recentActing.get(key);
  if (known) return { success: true, data: known };
  const parsed = actingSchema.safeParse(entry);
  if (!parsed.success) return { success: false, issues: parsed.error.issues };
  const acting = Object.freeze({ ...parsed.data, operator: Object.freeze(parsed.data.operator) });
  if (key !== undefined) {
    recentActing.set(key, acting);
    if (recentActing.size > RECENT_ACTING_KEPT) recentActing.delete(recentActing.keys().next().value as string);
  }
  return { success: true, data: acting };
}

/** A malformed entry is a bug in the caller, not an outage: it throws a plain Error (a 500), before any database work. */
export function prepareEntry(entry: NewAuditEntry): PreparedAuditEntry {
  if (checked.has(entry)) return entry as PreparedAuditEntry;
  // Both parts are checked before throwing, so the error names every problem of the entry.
  const acting = checkActing(entry);
  const plain = acting.success ? plainSubject(entry) : undefined;
  if (acting.success && plain) return { ...acting.data, operator: { ...acting.data.operator }, ...plain };
  const subject = subjectSchema.safeParse(entry);
  // The operator is copied: records are the caller's to keep, the checked fields are shared by many.
  if (acting.success && subject.success) return { ...acting.data, operator: { ...acting.data.operator }, ...subject.data };
  throw invalid([...(acting.success ? [] : acting.issues), ...(subject.success ? [] : subject.error.issues)]);
}

const outcomeError = optionalText(4_000);
const outcomeDetails = details.nullable().default(null);

function checkedWith<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw invalid(parsed.error.issues);
  return parsed.data;
}

/**
 * The outcome record completing `attempt` (a record read back from the store, so every field it
 * shares was checked when it was appended): only `error` and new `details` are checked here, and
 * without new details the attempt's are reused as stored (the same frozen object when the attempt
 * came from `append`). A bulk job appends two records per item,
 * and checking the whole entry twice was a tenth of its CPU. Throws a plain Error on bad input, as
 * `prepareEntry` does.
 */
export function completionOf(
  attempt: AuditRecord,
  outcome: { outcome: 'succeeded' | 'failed'; error: string | null; details?: NewAuditEntry['details'] },
): NewAuditEntry {
  const entry: PreparedAuditEntry = {
    operator: Object.freeze({ ...attempt.operator }),
    realm: attempt.realm,
    action: attempt.action,
    outcome: outcome.outcome,
    requestId: attempt.requestId,
    ip: attempt.ip,
    targetUser: attempt.targetUser && Object.freeze({ ...attempt.targetUser }),
    sessionId: attempt.sessionId,
    reason: attempt.reason,
    error: checkedWith(outcomeError, outcome.error),
    details: outcome.details === undefined ? frozenCopy(attempt.details) : checkedWith(outcomeDetails, outcome.details),
    jobId: attempt.jobId,
    attemptSeq: attempt.seq,
  };
  checked.add(Object.freeze(entry));
  return entry;
}

/** `details` itself when the entry's check made it (deep-frozen, its text remembered), else a frozen copy (e.g. read back from the store). */
function frozenCopy(details: AuditDetails | null): AuditDetails | null {
  return details === null || hasRememberedCanonicalJson(details) ? details : deepFreeze(structuredClone(details));
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') for (const member of Object.values(value)) deepFreeze(member);
  return Object.freeze(value);
}

/** Places a prepared entry in the chain: the store calls this while it holds the chain head. */
export function sealEntry(entry: PreparedAuditEntry, chain: { seq: number; prevHash: string; at: Date }): AuditRecord {
  const content = {
    ...entry,
    seq: chain.seq,
    id: randomUUID(),
    at: chain.at.toISOString(),
    prevHash: chain.prevHash,
  };
  return { ...content, hash: hashAuditContent(content) };
}
