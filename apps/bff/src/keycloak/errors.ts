import { NetworkError } from '@keycloak/keycloak-admin-client';
import * as oidc from 'openid-client';
import { HttpError, serviceUnavailable } from '../http/errors.js';

const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT']);

function errorCode(err: unknown): string | undefined {
  let current: unknown = err;
  for (let depth = 0; depth < 5 && current instanceof Error; depth += 1) {
    const code = (current as Error & { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'OAUTH_RESPONSE_BODY_ERROR') return code;
    if (current instanceof AggregateError && current.errors[0] instanceof Error) {
      current = current.errors[0];
      continue;
    }
    current = current.cause;
  }
  return undefined;
}

/**
 * undici's own timeouts of an answer (a connection's headers and body timers, as adminDelete's pool
 * sets them): the request was sent. A connect timeout (UND_ERR_CONNECT_TIMEOUT) sent nothing, and
 * stays 503 keycloak_unavailable as for every other call.
 */
const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

function isTimeout(err: unknown): boolean {
  let current: unknown = err;
  for (let depth = 0; depth < 5 && current instanceof Error; depth += 1) {
    if (current.name === 'TimeoutError' || current.name === 'AbortError') return true;
    const code = (current as Error & { code?: unknown }).code;
    if (typeof code === 'string' && TIMEOUT_CODES.has(code)) return true;
    current = current.cause;
  }
  return false;
}

export const keycloakUnavailable = (cause?: unknown) =>
  serviceUnavailable('keycloak_unavailable', 'Keycloak cannot be reached right now. Try again in a moment.', cause);

export const keycloakTimeout = (cause?: unknown) =>
  new HttpError(504, 'keycloak_timeout', 'Keycloak did not answer in time. Try again in a moment.', { cause });

/** Maps anything thrown while talking to Keycloak to the HTTP answer an operator should see. */
export function mapKeycloakError(err: unknown): HttpError {
  if (err instanceof HttpError) return err;
  if (isTimeout(err)) return keycloakTimeout(err);
  if (err instanceof NetworkError) {
    const status = err.response.status;
    if (status === 404) return new HttpError(404, 'not_found', 'Keycloak has no such record: it may already be gone.', { cause: err });
    if (status === 401 || status === 403) {
      return new HttpError(502, 'keycloak_error', `Keycloak refused Session Desk's service account (HTTP ${status}): an administrator should check the service account's roles and secret.`, { cause: err });
    }
    if (status === 503) return keycloakUnavailable(err);
    return new HttpError(502, 'keycloak_error', `Keycloak answered with an error (HTTP ${status}).`, { cause: err });
  }
  if (err instanceof oidc.ResponseBodyError) {
    if (err.error === 'invalid_client' || err.error === 'unauthorized_client') {
      return new HttpError(502, 'keycloak_error', `Keycloak refused Session Desk's service account credentials (${err.error}): an administrator should check the client secret and that the client is enabled.`, { cause: err });
    }
    return new HttpError(502, 'keycloak_error', `Keycloak answered with an error (${err.error}).`, { cause: err });
  }
  const code = errorCode(err);
  if (code && UNREACHABLE_CODES.has(code)) return keycloakUnavailable(err);
  if (err instanceof TypeError && err.message === 'fetch failed') return keycloakUnavailable(err);
  if (err instanceof oidc.ClientError || err instanceof oidc.AuthorizationResponseError) {
    return new HttpError(502, 'keycloak_error', `Keycloak answered in a way Session Desk did not expect: ${err.message}`, { cause: err });
  }
  return new HttpError(502, 'keycloak_error', 'Talking to Keycloak failed unexpectedly.', { cause: err });
}
