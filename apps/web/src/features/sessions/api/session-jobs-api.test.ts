import { describe, expect, it } from 'vitest';
import { mockFetch } from '@/testing/fetch-mock';
import { sessionJobFixture } from '@/testing/fixtures';
import { cancelSessionJob } from './cancel-session-job';
import { getSessionJob, sessionJobQueryOptions } from './get-session-job';
import { startSessionJob } from './start-session-job';

describe('session jobs API', () => {
  it('POSTs chosen sessions with the reason and X-CSRF', async () => {
    const fetchMock = mockFetch({ 'POST /api/realms/demo/session-jobs': { status: 202, json: sessionJobFixture() } });

    const job = await startSessionJob({
      realm: 'demo',
      reason: 'Compromised accounts',
      sessions: [
        { id: 'sess-alice-0001', type: 'regular' },
        { id: 'sess-bob-0001', type: 'offline' },
      ],
    });

    expect(job.id).toBe('job-0001-abcdef');
    const [request] = fetchMock.calls('POST /api/realms/demo/session-jobs');
    expect(request?.headers.get('X-CSRF')).toBe('1');
    expect(request?.headers.get('Content-Type')).toBe('application/json');
    expect(request?.body).toEqual({
      reason: 'Compromised accounts',
      sessions: [
        { id: 'sess-alice-0001', type: 'regular' },
        { id: 'sess-bob-0001', type: 'offline' },
      ],
    });
  });

  it('POSTs "all matching" as a filter instead of sessions', async () => {
    const fetchMock = mockFetch({ 'POST /api/realms/demo/session-jobs': { status: 202, json: sessionJobFixture() } });

    await startSessionJob({ realm: 'demo', reason: 'Phishing wave', filter: { q: 'alice', client: 'demo-portal' } });

    expect(fetchMock.requests[0]?.body).toEqual({ reason: 'Phishing wave', filter: { q: 'alice', client: 'demo-portal' } });
  });

  it('GETs a job by id and polls only while it runs', async () => {
    const fetchMock = mockFetch({ 'GET /api/session-jobs/job-0001-abcdef': { json: sessionJobFixture({ done: 1, left: 1 }) } });

    await expect(getSessionJob('job-0001-abcdef')).resolves.toMatchObject({ done: 1, left: 1 });
    expect(fetchMock.requests[0]?.method).toBe('GET');
    expect(fetchMock.requests[0]?.headers.has('X-CSRF')).toBe(false);

    const interval = sessionJobQueryOptions('job-0001-abcdef').refetchInterval as (query: { state: { data: unknown } }) => number | false;
    expect(interval({ state: { data: sessionJobFixture() } })).toBe(500);
    expect(interval({ state: { data: sessionJobFixture({ state: 'completed', left: 0 }) } })).toBe(false);
    expect(interval({ state: { data: sessionJobFixture({ state: 'cancelled' }) } })).toBe(false);
  });

  it('POSTs a cancel with X-CSRF and no body', async () => {
    const fetchMock = mockFetch({ 'POST /api/session-jobs/job-0001-abcdef/cancel': { json: sessionJobFixture() } });

    await cancelSessionJob({ jobId: 'job-0001-abcdef' });

    const [request] = fetchMock.calls('POST /api/session-jobs/job-0001-abcdef/cancel');
    expect(request?.headers.get('X-CSRF')).toBe('1');
    expect(request?.body).toBeUndefined();
  });
});
