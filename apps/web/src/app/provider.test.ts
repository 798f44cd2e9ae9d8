import { describe, expect, it } from 'vitest';
import { ApiClientError } from '@/lib/api-client';
import { shouldRetry } from './provider';

const error = (status: number, code = 'x') => new ApiClientError({ status, code, message: '' });

describe('query retry policy', () => {
  it('retries 5xx and network failures at most twice', () => {
    expect(shouldRetry(0, error(503))).toBe(true);
    expect(shouldRetry(1, error(0, 'network_error'))).toBe(true);
    expect(shouldRetry(2, error(503))).toBe(false);
  });

  it('keeps asking while a realm\'s first snapshot is read (503 snapshot_building), for up to 10 minutes', () => {
    expect(shouldRetry(2, error(503, 'snapshot_building'))).toBe(true);
    expect(shouldRetry(119, error(503, 'snapshot_building'))).toBe(true);
    expect(shouldRetry(120, error(503, 'snapshot_building'))).toBe(false);
  });

  it('never retries 4xx answers or malformed responses', () => {
    expect(shouldRetry(0, error(401))).toBe(false);
    expect(shouldRetry(0, error(403))).toBe(false);
    expect(shouldRetry(0, error(404))).toBe(false);
    expect(shouldRetry(0, error(200, 'invalid_response'))).toBe(false);
  });
});
