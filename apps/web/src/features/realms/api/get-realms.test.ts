import { describe, expect, it } from 'vitest';
import { mockFetch } from '@/testing/fetch-mock';
import { realmsFixture } from '@/testing/fixtures';
import { getRealms } from './get-realms';

describe('getRealms', () => {
  it('GETs /api/realms and returns the answer', async () => {
    const fetchMock = mockFetch({ 'GET /api/realms': { json: realmsFixture() } });

    await expect(getRealms()).resolves.toMatchObject({ defaultRealm: 'demo' });
    expect(fetchMock.calls('GET /api/realms')).toHaveLength(1);
  });

  it('rejects an answer that is not JSON', async () => {
    mockFetch({ 'GET /api/realms': { text: 'OK', headers: { 'Content-Type': 'text/plain' } } });

    await expect(getRealms()).rejects.toMatchObject({ code: 'invalid_response' });
  });
});
