import { HttpError, serviceUnavailable } from '../http/errors.js';

/** The record could not be stored, so the action it guards must not happen. */
export const auditUnavailable = (cause?: unknown) =>
  serviceUnavailable('audit_unavailable', 'The audit trail cannot be written right now, so nothing was changed. Try again shortly.', cause);

export const auditUnreadable = (cause?: unknown) =>
  serviceUnavailable('audit_read_unavailable', 'The audit trail cannot be read right now. Try again shortly.', cause);

/** The action already happened in Keycloak; only its outcome record is missing (the attempt is on record). */
export const auditResultUnrecorded = (cause?: unknown) =>
  serviceUnavailable(
    'audit_unavailable',
    'The action was sent to Keycloak, but the audit trail could not record its result. Check the current state before trying again.',
    cause,
  );

/** Errors that already carry their HTTP answer (e.g. a bad cursor) pass through; anything else is the database failing. */
export const asAuditError = (err: unknown, wrap: (cause: unknown) => HttpError): HttpError => (err instanceof HttpError ? err : wrap(err));
