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

/** Why a destructive action is taken: required, 3 to 500 characters, stored as typed. */
export const reasonSchema = z
  .string()
  .trim()
  .min(3, 'a reason of at least 3 characters is required')
  .max(500, 'the reason may be at most 500 characters');
