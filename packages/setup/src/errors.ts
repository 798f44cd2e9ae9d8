import { NetworkError } from '@keycloak/keycloak-admin-client';

export type SetupErrorCode = 'invalid_input' | 'unreachable' | 'wrong_url' | 'bad_credentials' | 'realm_missing' | 'forbidden' | 'keycloak_error';

/** A failure the operator can fix; `message` says what is wrong and what to do. */
export class SetupError extends Error {
  override name = 'SetupError';
  readonly code: SetupErrorCode;

  constructor(code: SetupErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

/** The HTTP status of a failed Admin API call, or undefined when it never got an answer. */
export function adminStatus(err: unknown): number | undefined {
  return err instanceof NetworkError ? err.response.status : undefined;
}

/** `fetch failed` plus its cause (ECONNREFUSED, ENOTFOUND…), for messages. */
export function describeNetworkFailure(err: unknown): string {
  if (err instanceof Error) {
    const codeOf = (value: unknown): string | undefined => {
      if (typeof value !== 'object' || value === null) return undefined;
      if ('code' in value && value.code) return String(value.code);
      // Both 127.0.0.1 and ::1 refused: an AggregateError without a code of its own.
      if ('errors' in value && Array.isArray(value.errors)) return codeOf(value.errors[0]);
      return undefined;
    };
    const code = codeOf((err as Error & { cause?: unknown }).cause);
    if (err.name === 'TimeoutError' || err.name === 'AbortError') return 'no answer before the timeout';
    return code ? `${err.message}: ${code}` : err.message;
  }
  return String(err);
}

/**
 * Turns a failed Admin API call during `what` (e.g. "create client session-desk") in `realm` into a
 * SetupError that names the missing permission or the missing realm.
 */
export function explainAdminFailure(err: unknown, realm: string, what: string, neededRole: string): SetupError {
  if (err instanceof SetupError) return err;
  const status = adminStatus(err);
  if (status === 403) {
    return new SetupError(
      'forbidden',
      `Not allowed to ${what} in realm "${realm}" (HTTP 403). The admin account needs the realm-management role "${neededRole}" in that realm ` +
        `(a master-realm administrator has it everywhere); grant it, or run setup with an account that has it.`,
    );
  }
  if (status === 404) {
    return new SetupError('realm_missing', `Realm "${realm}" does not exist (HTTP 404 while trying to ${what}). Create it first, or fix the realm name.`);
  }
  if (status === 401) {
    return new SetupError('bad_credentials', `Keycloak refused the admin token while trying to ${what} in realm "${realm}" (HTTP 401). Check the admin credentials.`);
  }
  if (status !== undefined) {
    const body = err instanceof NetworkError ? JSON.stringify(err.responseData) : '';
    return new SetupError('keycloak_error', `Keycloak answered HTTP ${status} while trying to ${what} in realm "${realm}": ${body}`);
  }
  return new SetupError('unreachable', `Keycloak stopped answering while trying to ${what} in realm "${realm}" (${describeNetworkFailure(err)}).`);
}
