import { z } from 'zod';
import {
  CLIENT_ID_MAX_LENGTH,
  hasNoControlCharacters,
  hasNoRealmReservedCharacters,
  identifierMessages,
  isNotDotSegment,
  isWellFormedStorageUserId,
  REALM_NAME_MAX_LENGTH,
  realmReservedMessage,
  REASON_MAX_LENGTH,
  REASON_MIN_LENGTH,
  reasonChecks,
  reasonMessages,
  storageUserIdMessage,
  USER_ID_MAX_LENGTH,
} from './rules.js';

/** A path segment toward Keycloak: see keycloakIdentifierProblem. */
const keycloakIdentifier = (what: string, maxLength: number) =>
  z
    .string()
    .min(1, identifierMessages.invalid(what))
    .max(maxLength, identifierMessages.tooLong(what, maxLength))
    .refine(hasNoControlCharacters, identifierMessages.controlCharacters(what))
    .refine(isNotDotSegment, identifierMessages.invalid(what));

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
    .refine(hasNoControlCharacters, 'the search may not contain control characters');

/** See realmNameProblem. */
export const realmNameSchema = keycloakIdentifier('realm name', REALM_NAME_MAX_LENGTH).refine(hasNoRealmReservedCharacters, realmReservedMessage);

/** See userIdProblem. */
export const userIdSchema = keycloakIdentifier('Keycloak user id', USER_ID_MAX_LENGTH).refine(isWellFormedStorageUserId, storageUserIdMessage);

/**
 * Keycloak user session ids: Keycloak generates them itself (base64url secure ids in Keycloak 26,
 * UUIDs before), so nothing else can name a session.
 */
export const sessionIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be a Keycloak session id');

/** Client ids (`clientId`, not the internal UUID): any text Keycloak accepts, URLs included. */
export const clientIdSchema = keycloakIdentifier('client id', CLIENT_ID_MAX_LENGTH);

/** See reasonProblem: the same checks, in the same order. Stored as typed. */
export const reasonSchema = z
  .string()
  .trim()
  .min(REASON_MIN_LENGTH, reasonMessages.tooShort)
  .max(REASON_MAX_LENGTH, reasonMessages.tooLong)
  .refine(reasonChecks.hasNoForbiddenControls, reasonMessages.controlCharacters)
  .refine(reasonChecks.hasNoBidiControls, reasonMessages.bidiControls)
  .refine(reasonChecks.isWellFormed, reasonMessages.malformed)
  .refine(reasonChecks.isVisible, reasonMessages.invisible);
