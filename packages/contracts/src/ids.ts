import { z } from 'zod';

/**
 * Identifiers accepted in paths before anything reaches Keycloak. No dots or slashes, so a path
 * like `../master` or an encoded traversal can never be formed from them.
 */
export const realmNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, 'must be 1-64 letters, digits, "-" or "_"');

/** Keycloak user ids: UUIDs, or `f:<provider>:<id>` for federated users. */
export const userIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9:_-]{0,99}$/, 'must be a Keycloak user id');

/** Keycloak user session ids (base64url in Keycloak 26, UUIDs before). */
export const sessionIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be a Keycloak session id');

/** Control characters other than tab and newline (C0, DEL, C1): never part of a reason a person types. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const FORBIDDEN_CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/u;
/** Bidirectional overrides and isolates: they make stored text read differently from what it holds ("Trojan Source"). */
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/u;
/** Letters, marks, numbers, punctuation and symbols: what a reader can see (not spaces, controls or format characters). */
const VISIBLE = /[\p{L}\p{M}\p{N}\p{P}\p{S}]/gu;

/**
 * Why a destructive action is taken: required, trimmed, 3 to 500 characters of which at least 3
 * are visible, no control characters other than tab and newline, no bidirectional overrides or
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
  .refine((reason) => (reason.match(VISIBLE)?.length ?? 0) >= 3, 'the reason needs at least 3 visible characters');
