import { describe, expect, it } from 'vitest';
import { mockFetch } from '@/testing/fetch-mock';
import { realmsFixture } from '@/testing/fixtures';
import { getRealms } from './get-realms';

describe('getRealms', () => {
  it('GETs /api/realms and validates the answer', async () => {
    const fetchMock = mockFetch({ 'GET /api/realms': { json: realmsFixture() } });

    await expect(getRealms()).resolves.toMatchObject({ defaultRealm: 'demo' });
    expect(fetchMock.calls('GET /api/realms')).toHaveLength(1);
  });

  it('rejects an answer of the wrong shape', async () => {
    mockFetch({ 'GET /api/realms': { json: { realms: 'demo' } } });

    await expect(getRealms()).rejects.toMatchObject({ code: 'invalid_response' });
  });
});
