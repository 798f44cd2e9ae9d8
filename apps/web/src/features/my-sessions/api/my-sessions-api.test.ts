import { describe, expect, it } from 'vitest';
import { mockFetch } from '@/testing/fetch-mock';
import { mySessionFixture } from '@/testing/fixtures';
import { endMySession } from './end-my-session';
import { getMySessions } from './get-my-sessions';

describe('my sessions API', () => {
  it('GETs the operator’s own sessions without X-CSRF', async () => {
    const fetchMock = mockFetch({ 'GET /api/me/sessions': { json: { items: [mySessionFixture({ current: true })] } } });

    const result = await getMySessions();

    expect(result.items[0]?.current).toBe(true);
    expect(fetchMock.calls('GET /api/me/sessions')[0]?.headers.has('X-CSRF')).toBe(false);
  });

  it('DELETEs one of them with X-CSRF', async () => {
    const fetchMock = mockFetch({ 'DELETE /api/me/sessions/sess-9': { json: { ended: true, sessionId: 'sess-9' } } });

    await expect(endMySession({ sessionId: 'sess-9' })).resolves.toEqual({ ended: true, sessionId: 'sess-9' });
    expect(fetchMock.calls('DELETE /api/me/sessions/sess-9')[0]?.headers.get('X-CSRF')).toBe('1');
  });
});
