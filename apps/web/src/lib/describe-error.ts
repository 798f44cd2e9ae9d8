import type { ErrorCode } from '@session-desk/contracts';
import { clientErrorCodes, isApiClientError } from './api-client';

export interface ErrorDescription {
  /** Short headline in plain words. */
  title: string;
  /** What happened and what to do, for someone who is not an engineer. */
  description: string;
  /** Whether trying again can help. */
  retryable: boolean;
}

const byCode: Partial<Record<ErrorCode, ErrorDescription>> = {
  keycloak_unavailable: {
    title: 'Keycloak is not available right now',
    description:
      'Keycloak, the sign-in system that holds the sessions, is not answering. Nothing was changed. Please try again in a minute; if it keeps happening, tell the Keycloak team.',
    retryable: true,
  },
  keycloak_timeout: {
    title: 'Keycloak is responding too slowly',
    description:
      'Keycloak took too long to answer, so we stopped waiting. Please try again in a moment.',
    retryable: true,
  },
  keycloak_error: {
    title: 'Keycloak reported a problem',
    description:
      'Keycloak, the sign-in system, answered with an error. Please try again; if it keeps happening, tell the Keycloak team and quote the reference below.',
    retryable: true,
  },
  snapshot_building: {
    title: 'The session list is still being read',
    description:
      'Session Desk is reading this realm’s sessions from Keycloak for the first time. A large realm takes a few minutes; try again shortly.',
    retryable: true,
  },
  busy: {
    title: 'Session Desk is busy',
    description: 'Too many requests are being handled right now. Please wait a few seconds and try again.',
    retryable: true,
  },
  audit_unavailable: {
    title: 'The audit trail is not available',
    description: 'The audit trail cannot be written right now, so nothing was changed. Try again shortly.',
    retryable: true,
  },
  internal: {
    title: 'Something went wrong on our side',
    description:
      'Session Desk hit an unexpected problem. Please try again; if it keeps happening, report it with the reference below.',
    retryable: true,
  },
  forbidden: {
    title: 'Your role does not allow this',
    description: 'Your account is not permitted to do this. If you need it for your work, ask an administrator.',
    retryable: false,
  },
  csrf_rejected: {
    title: 'The request was blocked for your safety',
    description: 'Session Desk could not confirm that this request came from this page. Reload the page and try again.',
    retryable: true,
  },
  unauthenticated: {
    title: 'You are no longer signed in',
    description: 'Your sign-in has ended. You will be taken to the sign-in page.',
    retryable: false,
  },
  not_found: {
    title: 'Not found',
    description: 'What you are looking for does not exist (anymore). It may already have ended or been removed.',
    retryable: false,
  },
  bad_request: {
    title: 'The request was not accepted',
    description: 'Some of the information sent was not valid. Check what you entered and try again.',
    retryable: false,
  },
  payload_too_large: {
    title: 'Too much data',
    description: 'What you sent is larger than Session Desk accepts. Shorten it and try again.',
    retryable: false,
  },
  unsupported_media_type: {
    title: 'The request was not understood',
    description: 'Session Desk did not understand the request. Reload the page and try again.',
    retryable: true,
  },
};

const networkError: ErrorDescription = {
  title: 'Session Desk cannot be reached',
  description: 'We could not reach the Session Desk server. Check your network connection, then try again.',
  retryable: true,
};

const gatewayError: ErrorDescription = {
  title: 'Session Desk cannot be reached',
  description:
    'The Session Desk server is not answering properly right now (it may be restarting). Please try again in a minute.',
  retryable: true,
};

const invalidResponse: ErrorDescription = {
  title: 'Unexpected answer from the server',
  description:
    'Session Desk received an answer it did not understand. This is usually fixed by reloading the page; if not, report it with the reference below.',
  retryable: true,
};

const unknownError: ErrorDescription = {
  title: 'Something went wrong',
  description: 'An unexpected problem occurred. Please try again.',
  retryable: true,
};

function byStatus(status: number): ErrorDescription | undefined {
  if (status === 502) return byCode.keycloak_error;
  if (status === 503) return byCode.keycloak_unavailable;
  if (status === 504) return byCode.keycloak_timeout;
  if (status === 429) return byCode.busy;
  if (status === 403) return byCode.forbidden;
  if (status === 404) return byCode.not_found;
  if (status === 401) return byCode.unauthenticated;
  if (status >= 500) return byCode.internal;
  if (status >= 400) return byCode.bad_request;
  return undefined;
}

/** Turns any thrown value into words a help-desk person understands. */
export function describeError(error: unknown): ErrorDescription {
  if (!isApiClientError(error)) return unknownError;
  if (error.code === clientErrorCodes.network) return networkError;
  if (error.code === clientErrorCodes.invalidResponse) return invalidResponse;
  // A non-JSON 5xx did not come from the BFF but from something in front of it.
  if (error.code === clientErrorCodes.unreadableError && error.status >= 500) return gatewayError;
  return byCode[error.code as ErrorCode] ?? byStatus(error.status) ?? unknownError;
}

/** Whether the BFF is still reading a realm's first snapshot (503 snapshot_building): asking again later will succeed. */
export function isSnapshotBuilding(error: unknown): boolean {
  return isApiClientError(error) && error.code === 'snapshot_building';
}
