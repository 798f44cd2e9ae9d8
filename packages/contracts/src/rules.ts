/**
 * The input rules and value lists shared by the BFF and the SPA, without zod: the contract schemas
 * are built from them (the BFF enforces them), and the SPA checks input with them without shipping
 * a validation library to the browser (`@session-desk/contracts/rules`).
 */

/** The anti-forgery header every state-changing request must carry. */
export const CSRF_HEADER = 'X-CSRF';
export const CSRF_HEADER_VALUE = '1';

/** Whether `value` is one of `values`. */
export function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (values as readonly string[]).includes(value);
}

export const sessionTypes = ['regular', 'offline'] as const;
export const sessionSorts = ['lastAccess:desc', 'lastAccess:asc', 'started:desc', 'started:asc', 'username:asc', 'username:desc'] as const;

/** Every destructive action the console can take; each attempt leaves a record. */
export const auditActions = [
  'session.end',
  'user.logout',
  'own-session.end',
  'bulk.start',
  'bulk.item',
  'bulk.cancel',
  'realm.logout-all',
  'realm.revoke-tokens',
  'concerns.configure',
] as const;

/**
 * 'attempted' is written before Keycloak is called, the outcome after. The trail shows an attempt
 * only while it has no outcome, and then as 'unknown' (the BFF stopped between the two).
 */
export const auditOutcomes = ['attempted', 'succeeded', 'failed', 'refused', 'unknown'] as const;
/** The outcomes the trail can be filtered by ('attempted' records are never listed as such). */
export const auditTrailOutcomes = ['succeeded', 'failed', 'refused', 'unknown'] as const;

/** Filter text of the audit trail: a bulk job's id. */
export const AUDIT_JOB_ID = /^[A-Za-z0-9_-]{1,100}$/;

/* ------------------------------------------------------------------ Keycloak identifiers */

/** C0 controls, DEL and the C1 controls: no identifier Keycloak produces holds them. */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;

export function hasNoControlCharacters(value: string): boolean {
  return !CONTROL_CHARACTERS.test(value);
}

/** Keycloak 26.7 creates a realm named `..` but then refuses every request naming it. */
export function isNotDotSegment(value: string): boolean {
  return value !== '.' && value !== '..';
}

export const identifierMessages = {
  invalid: (what: string) => `must be a ${what}`,
  tooLong: (what: string, maxLength: number) => `must be a ${what} of at most ${maxLength} characters`,
  controlCharacters: (what: string) => `must be a ${what} (no control characters)`,
};

/**
 * Why a path segment toward Keycloak is refused, or undefined. Keycloak's identifiers may hold
 * dots, spaces, `%`, `:` or `/`; traversal is made impossible by percent-encoding every segment on
 * the way out, not by narrowing what is accepted. Only what Keycloak can never produce or address
 * is refused: empty values, control characters, the whole segments `.` and `..`, over-long values.
 */
export function keycloakIdentifierProblem(value: string, what: string, maxLength: number): string | undefined {
  if (value.length < 1) return identifierMessages.invalid(what);
  if (value.length > maxLength) return identifierMessages.tooLong(what, maxLength);
  if (!hasNoControlCharacters(value)) return identifierMessages.controlCharacters(what);
  if (!isNotDotSegment(value)) return identifierMessages.invalid(what);
  return undefined;
}

export const REALM_NAME_MAX_LENGTH = 255;
/**
 * The longest text a search box takes: the longest single value a search matches whole, which is
 * a username, email, first or last name or client id as Keycloak stores them (255 characters each:
 * its USER_ENTITY and CLIENT columns and the default user profile's length validators). A username
 * pasted from a ticket must find its user.
 */
export const SEARCH_TEXT_MAX_LENGTH = 255;
export const USER_ID_MAX_LENGTH = 1024;
export const CLIENT_ID_MAX_LENGTH = 255;

/** Characters Keycloak refuses in realm names (its ReservedCharValidator: RFC 3986 reserved characters and `\`). */
const REALM_RESERVED = /[:/?#@!$&()*+,;=[\]\\]/;
export const realmReservedMessage = 'must be a realm name (Keycloak refuses : / ? # @ ! $ & ( ) * + , ; = [ ] \\ in realm names)';

export function hasNoRealmReservedCharacters(value: string): boolean {
  return !REALM_RESERVED.test(value);
}

/**
 * Realm names as Keycloak accepts them: dots, spaces, `%`, `~`, quotes and any unicode letter
 * included; not Keycloak's reserved characters `: / ? # @ ! $ & ( ) * + , ; = [ ] \`.
 */
export function realmNameProblem(value: string): string | undefined {
  return keycloakIdentifierProblem(value, 'realm name', REALM_NAME_MAX_LENGTH) ?? (hasNoRealmReservedCharacters(value) ? undefined : realmReservedMessage);
}

export function isRealmName(value: unknown): value is string {
  return typeof value === 'string' && realmNameProblem(value) === undefined;
}

export const storageUserIdMessage = 'must be a Keycloak user id (a storage user id is f:<component id>:<external id>)';

/** Keycloak's StorageId cuts the component id at the second colon and answers HTTP 500 without one. */
export function isWellFormedStorageUserId(value: string): boolean {
  return !value.startsWith('f:') || /^f:[^:]+:./s.test(value);
}

/**
 * Keycloak user ids: UUIDs (or any id given at import), and `f:<component id>:<external id>` for
 * users of a user-storage provider, where the external id is whatever the directory uses (any
 * character, `/` and `%` included).
 */
export function userIdProblem(value: string): string | undefined {
  return keycloakIdentifierProblem(value, 'Keycloak user id', USER_ID_MAX_LENGTH) ?? (isWellFormedStorageUserId(value) ? undefined : storageUserIdMessage);
}

/** Client ids (`clientId`, not the internal UUID): any text Keycloak accepts, URLs included. */
export function clientIdProblem(value: string): string | undefined {
  return keycloakIdentifierProblem(value, 'client id', CLIENT_ID_MAX_LENGTH);
}

/* ------------------------------------------------------------------ Reasons */

export const REASON_MIN_LENGTH = 3;
export const REASON_MAX_LENGTH = 500;
/** Of the trimmed reason, how many characters a reader must see (see visibleCharacterCount). */
export const REASON_MIN_VISIBLE = 3;

export const reasonMessages = {
  tooShort: `a reason of at least ${REASON_MIN_LENGTH} characters is required`,
  tooLong: `the reason may be at most ${REASON_MAX_LENGTH} characters`,
  controlCharacters: 'the reason may not contain control characters (tab and newline are allowed)',
  bidiControls: 'the reason may not contain bidirectional override or isolate characters',
  malformed: 'the reason is not well-formed Unicode (a lone surrogate)',
  invisible: `the reason needs at least ${REASON_MIN_VISIBLE} visible characters`,
} as const;

/** Control characters other than tab and newline (C0, DEL, C1): never part of a reason a person types. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const FORBIDDEN_CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/u;
/** Bidirectional overrides and isolates: they make stored text read differently from what it holds ("Trojan Source"). */
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/u;
/**
 * A code point that draws something on its own: not whitespace, not a default-ignorable or
 * format/control/unassigned code point, not a combining mark (it only decorates its base), and
 * not one of the symbols and letters fonts draw as blank (Hangul fillers U+115F, U+1160, U+3164,
 * U+FFA0; Braille blank U+2800).
 */
const VISIBLE_CODE_POINT = /[^\s\p{Z}\p{Default_Ignorable_Code_Point}\p{M}\p{Cc}\p{Cf}\p{Cn}\u115F\u1160\u2800\u3164\uFFA0]/u;
const GRAPHEMES = new Intl.Segmenter('en', { granularity: 'grapheme' });

/**
 * How many characters a reader sees in `text`: user-perceived characters (grapheme clusters, via
 * Intl.Segmenter) holding at least one visible code point. `a` + three combining accents counts 1;
 * Hangul fillers, Braille blanks and zero-width characters count 0.
 */
export function visibleCharacterCount(text: string): number {
  let count = 0;
  for (const { segment } of GRAPHEMES.segment(text)) if (VISIBLE_CODE_POINT.test(segment)) count += 1;
  return count;
}

export const reasonChecks = {
  hasNoForbiddenControls: (reason: string) => !FORBIDDEN_CONTROL.test(reason),
  hasNoBidiControls: (reason: string) => !BIDI_CONTROL.test(reason),
  isWellFormed: (reason: string) => reason.isWellFormed(),
  isVisible: (reason: string) => visibleCharacterCount(reason) >= REASON_MIN_VISIBLE,
};

/**
 * Why a reason for a destructive action is refused, or undefined. Required, trimmed, 3 to 500
 * characters of which at least 3 are visible, no control characters other than tab and newline,
 * no bidirectional overrides or isolates, and well-formed Unicode (no lone surrogate, which would
 * not be stored as typed). The first problem, in the order reasonSchema reports them.
 */
export function reasonProblem(text: string): string | undefined {
  const reason = text.trim();
  if (reason.length < REASON_MIN_LENGTH) return reasonMessages.tooShort;
  if (reason.length > REASON_MAX_LENGTH) return reasonMessages.tooLong;
  if (!reasonChecks.hasNoForbiddenControls(reason)) return reasonMessages.controlCharacters;
  if (!reasonChecks.hasNoBidiControls(reason)) return reasonMessages.bidiControls;
  if (!reasonChecks.isWellFormed(reason)) return reasonMessages.malformed;
  if (!reasonChecks.isVisible(reason)) return reasonMessages.invisible;
  return undefined;
}

/* ------------------------------------------------------------------ Keycloak event filters */

/** A Keycloak event type (LOGIN) or admin-event resource type (USER_SESSION). */
export const KEYCLOAK_TYPE_NAME = /^[A-Z_]{2,64}$/;
export const eventTypeMessage = 'must be a Keycloak event type such as LOGIN';
export const resourceTypeMessage = 'must be a Keycloak resource type such as USER_SESSION';
export const IP_ADDRESS_TEXT = /^[0-9A-Fa-f:.]{2,45}$/;
export const ipAddressMessage = 'must be an IP address';

export const adminEventOperations = ['CREATE', 'UPDATE', 'DELETE', 'ACTION'] as const;
/** zod's own wording for an enum, kept so the BFF answers as it always did. */
export const adminEventOperationMessage = `Invalid option: expected one of ${adminEventOperations.map((value) => JSON.stringify(value)).join('|')}`;

const EPOCH_MILLISECONDS = /^\d{1,15}$/;
/** RFC 3339 date-time with seconds and `Z` or an offset (the pattern of zod's `z.iso.datetime({ offset: true })`). */
const ISO_DATE_TIME_WITH_OFFSET =
  /^(?:(?:\d\d[2468][048]|\d\d[13579][26]|\d\d0[48]|[02468][048]00|[13579][26]00)-02-29|\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\d|30)|(?:02)-(?:0[1-9]|1\d|2[0-8])))T(?:(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?(?:Z|([+-](?:[01]\d|2[0-3]):[0-5]\d)))$/;
export const instantMessage = 'must be an instant: ISO 8601 with an offset (e.g. 2026-11-25T00:00:00+09:00) or epoch milliseconds';

/**
 * An instant: ISO 8601 with an offset (2026-11-25T00:00:00.000+09:00) or epoch milliseconds. Bare
 * dates are refused: Keycloak would read them as UTC days, the wrong window for an operator in
 * Tokyo or Los Angeles; the SPA turns the operator's day into instants.
 */
export function isInstant(value: string): boolean {
  return EPOCH_MILLISECONDS.test(value) || ISO_DATE_TIME_WITH_OFFSET.test(value);
}

const problemUnless =
  (accepts: (value: string) => boolean, message: string) =>
  (value: string): string | undefined =>
    accepts(value) ? undefined : message;

/** Why each filter of GET /api/realms/:realm/events would be refused, or undefined. */
export const loginEventFilterProblems = {
  type: problemUnless((value) => KEYCLOAK_TYPE_NAME.test(value), eventTypeMessage),
  user: userIdProblem,
  client: clientIdProblem,
  ip: problemUnless((value) => IP_ADDRESS_TEXT.test(value), ipAddressMessage),
  from: problemUnless(isInstant, instantMessage),
  to: problemUnless(isInstant, instantMessage),
} as const;

/** Why each filter of GET /api/realms/:realm/admin-events would be refused, or undefined. */
export const adminEventFilterProblems = {
  operation: problemUnless((value) => isOneOf(adminEventOperations, value), adminEventOperationMessage),
  resourceType: problemUnless((value) => KEYCLOAK_TYPE_NAME.test(value), resourceTypeMessage),
  from: problemUnless(isInstant, instantMessage),
  to: problemUnless(isInstant, instantMessage),
} as const;

/* ------------------------------------------------------------------ Sessions of concern */

/** The rules the BFF runs over a realm's sessions (see concerns.ts). */
export const concernRuleIds = ['many-countries', 'too-many-sessions', 'new-country', 'idle-offline', 'old-session'] as const;

const MINUTES_PER_DAY = 1_440;

/** Bounds of each tunable (inclusive); durations are whole minutes. */
export const concernSettingBounds = {
  windowMinutes: { min: 1, max: 30 * MINUTES_PER_DAY },
  maxSessions: { min: 1, max: 10_000 },
  idleMinutes: { min: 1, max: 3_650 * MINUTES_PER_DAY },
  maxAgeMinutes: { min: 1, max: 3_650 * MINUTES_PER_DAY },
} as const;

/** The defaults of every rule: what a realm uses until an admin saves settings for it. */
export const concernSettingsDefaults = {
  'many-countries': { enabled: true, windowMinutes: MINUTES_PER_DAY },
  'too-many-sessions': { enabled: true, maxSessions: 5 },
  'new-country': { enabled: true },
  'idle-offline': { enabled: true, idleMinutes: 30 * MINUTES_PER_DAY },
  'old-session': { enabled: true, maxAgeMinutes: 7 * MINUTES_PER_DAY },
} as const;
