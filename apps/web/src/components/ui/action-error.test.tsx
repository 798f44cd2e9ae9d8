import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ApiClientError } from '@/lib/api-client';
import { ActionError } from './action-error';

describe('ActionError', () => {
  it("says what the BFF says when Keycloak did not answer an action in time (whether it happened is not known), not that nothing changed", () => {
    const message = 'Keycloak did not answer in time, so it is not known whether it carried this out: check before trying again.';
    render(<ActionError error={new ApiClientError({ status: 504, code: 'keycloak_timeout', message, requestId: 'req-504' })} />);
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Keycloak is responding too slowly');
    expect(alert.textContent).toContain(message);
    expect(alert.textContent).not.toMatch(/nothing is known to have changed/i);
    expect(alert.textContent).toContain('req-504');
  });

  it('keeps plain words for a server fault, with its message as details only', () => {
    render(<ActionError error={new ApiClientError({ status: 502, code: 'keycloak_error', message: 'Keycloak answered with an error (HTTP 500).' })} />);
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Details: Keycloak answered with an error (HTTP 500).');
  });
});
