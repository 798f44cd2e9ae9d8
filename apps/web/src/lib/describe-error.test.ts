import { describe, expect, it } from 'vitest';
import { ApiClientError } from './api-client';
import { describeError } from './describe-error';

const apiError = (status: number, code: string) => new ApiClientError({ status, code, message: 'technical detail' });

describe('describeError', () => {
  it.each([
    [503, 'keycloak_unavailable', 'Keycloak is not available right now'],
    [504, 'keycloak_timeout', 'Keycloak is responding too slowly'],
    [502, 'keycloak_error', 'Keycloak reported a problem'],
    [403, 'forbidden', 'Your role does not allow this'],
    [403, 'csrf_rejected', 'The request was blocked for your safety'],
  ])('maps HTTP %i %s to plain words', (status, code, title) => {
    expect(describeError(apiError(status, code)).title).toBe(title);
  });

  it('falls back to the HTTP status when the code is unknown', () => {
    expect(describeError(apiError(503, 'something_new')).title).toBe('Keycloak is not available right now');
    expect(describeError(apiError(504, 'something_new')).title).toBe('Keycloak is responding too slowly');
    expect(describeError(apiError(418, 'something_new')).retryable).toBe(false);
  });

  it('blames the connection, not Keycloak, for a non-JSON gateway error or a network failure', () => {
    expect(describeError(apiError(502, 'unreadable_error')).title).toBe('Session Desk cannot be reached');
    expect(describeError(apiError(0, 'network_error')).description).toMatch(/network connection/);
  });

  it('does not offer a retry for a permission problem, but does for an outage', () => {
    expect(describeError(apiError(403, 'forbidden')).retryable).toBe(false);
    expect(describeError(apiError(503, 'keycloak_unavailable')).retryable).toBe(true);
    expect(describeError(new Error('boom')).title).toBe('Something went wrong');
  });

  it('says that nothing changed when the audit trail cannot be written', () => {
    const described = describeError(apiError(503, 'audit_unavailable'));
    expect(described.title).toBe('The audit trail is not available');
    expect(described.description).toBe('The audit trail cannot be written right now, so nothing was changed. Try again shortly.');
    expect(described.retryable).toBe(true);
  });
});
