import { z } from 'zod';

/** C0 controls, DEL and the C1 controls: no identifier Keycloak produces holds them. */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * A path segment toward Keycloak. Keycloak's identifiers may hold dots, spaces, `%`, `:` or `/`;
 * traversal is made impossible by percent-encoding every segment on the way out (the admin client
 * and the SPA do), not by narrowing what is accepted. Only what Keycloak can never produce or
 * address is refused: empty values, control characters, the whole segments `.` and `..` (Keycloak
 * 26.7 creates a realm named `..` but then refuses every request naming it) and over-long values.
 */
const keycloakIdentifier = (what: string, maxLength: number) =>
  z
    .string()
    .min(1, `must be a ${what}`)
    .max(maxLength, `must be a ${what} of at most ${maxLength} characters`)
    .refine((value) => !CONTROL_CHARACTERS.test(value), `must be a ${what} (no control characters)`)
    .refine((value) => value !== '.' && value !== '..', `must be a ${what}`);

/**
 * Text typed into a search box: trimmed, at most `max` characters, without control characters.
 * Keycloak refuses those in a query ("Blocking invalid query parameter value", HTTP 400), which the
 * console would otherwise pass on as a Keycloak error; no one types them, so every search refuses them.
 */
export const searchTextSchema = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `the search may be at most ${max} characters`)
    .refine((value) => !CONTROL_CHARACTERS.test(value), 'the search may not contain control characters');

/** Characters Keycloak refuses in realm names (its ReservedCharValidator: RFC 3986 reserved characters and `\`). */
const REALM_RESERVED = /[:/?#@!$&()*+,;=[\]\\]/;

/**
 * Realm names as Keycloak accepts them: dots, spaces, `%`, `~`, quotes and any unicode letter
 * included; not Keycloak's reserved characters `: / ? # @ ! $ & ( ) * + , ; = [ ] \`.
 */
export const realmNameSchema = keycloakIdentifier('realm name', 255).refine(
  (value) => !REALM_RESERVED.test(value),
  'must be a realm name (Keycloak refuses : / ? # @ ! $ & ( ) * + , ; = [ ] \\ in realm names)',
);

/**
 * Keycloak user ids: UUIDs (or any id given at import), and `f:<component id>:<external id>` for
 * users of a user-storage provider, where the external id is whatever the directory uses (any
 * character, `/` and `%` included).
 */
export const userIdSchema = keycloakIdentifier('Keycloak user id', 1024).refine(
  // Keycloak's StorageId cuts the component id at the second colon and answers HTTP 500 without one.
  (value) => !value.startsWith('f:') || /^f:[^:]+:./s.test(value),
  'must be a Keycloak user id (a storage user id is f:<component id>:<external id>)',
);

/**
 * Keycloak user session ids: Keycloak generates them itself (base64url secure ids in Keycloak 26,
 * UUIDs before), so nothing else can name a session.
 */
export const sessionIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be a Keycloak session id');

/** Client ids (`clientId`, not the internal UUID): any text Keycloak accepts, URLs included. */
export const clientIdSchema = keycloakIdentifier('client id', 255);

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

/**
 * Why a destructive action is taken: required, trimmed, 3 to 500 characters of which at least 3
 * are visible (see visibleCharacterCount), no control characters other than tab and newline, no bidirectional overrides or
 * isolates, and well-formed Unicode (no lone surrogate, which would not be stored as typed). Stored as typed.
 */
export const reasonSchema = z
  .string()
  .trim()
  .min(3, 'a reason of at least 3 characters is required')
  .max(500, 'the reason may be at most 500 characters')
  .refine((reason) => !FORBIDDEN_CONTROL.test(reason), 'the reason may not contain control characters (tab and newline are allowed)')
  .refine((reason) => !BIDI_CONTROL.test(reason), 'the reason may not contain bidirectional override or isolate characters')
  .refine((reason) => reason.isWellFormed(), 'the reason is not well-formed Unicode (a lone surrogate)')
  .refine((reason) => visibleCharacterCount(reason) >= 3, 'the reason needs at least 3 visible characters');
