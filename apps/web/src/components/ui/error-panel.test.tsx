import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ApiClientError } from '@/lib/api-client';
import { ErrorPanel } from './error-panel';

describe('ErrorPanel', () => {
  it('explains the error, shows the request id in small print and retries on click', () => {
    const onRetry = vi.fn();
    const error = new ApiClientError({ status: 504, code: 'keycloak_timeout', message: 'upstream timeout', requestId: 'req-1' });

    render(<ErrorPanel error={error} onRetry={onRetry} context="Sessions could not load" />);

    const alert = screen.getByRole('alert');
    expect(screen.getByRole('heading', { name: 'Sessions could not load' })).toBeTruthy();
    expect(alert.textContent).toContain('Keycloak is responding too slowly');
    expect(alert.textContent).toContain('req-1');
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(onRetry).toHaveBeenCalledTimes(1);
  });

  it('hides the retry button when retrying cannot help', () => {
    render(<ErrorPanel error={new ApiClientError({ status: 403, code: 'forbidden', message: 'no' })} onRetry={() => {}} />);

    expect(screen.getByRole('heading', { name: 'Your role does not allow this' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull();
  });
});
