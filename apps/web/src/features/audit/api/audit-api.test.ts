import { describe, expect, it } from 'vitest';
import { mockFetch } from '@/testing/fetch-mock';
import { auditRecordFixture } from '@/testing/fixtures';
import { auditExportUrl } from './export-audit';
import { auditTrailQueryOptions, getAudit } from './get-audit';
import { verifyAudit } from './verify-audit';

const params = (path: string | undefined) => Object.fromEntries(new URL(path ?? '', 'http://localhost').searchParams);

describe('audit API', () => {
  it('GETs a page of the trail with the filter, cursor and limit in the query string', async () => {
    const fetchMock = mockFetch({ 'GET /api/audit': { json: { items: [auditRecordFixture()], nextCursor: 'c2', total: 7 } } });

    const page = await getAudit({ user: 'alice.martin', realm: 'demo', outcome: 'failed', cursor: 'c1', limit: 20 });

    expect(page.items[0]?.seq).toBe(7);
    expect(page.nextCursor).toBe('c2');
    const [request] = fetchMock.requests;
    expect(request?.method).toBe('GET');
    expect(new URL(request?.path ?? '', 'http://localhost').pathname).toBe('/api/audit');
    expect(params(request?.path)).toEqual({ user: 'alice.martin', realm: 'demo', outcome: 'failed', cursor: 'c1', limit: '20' });
    expect(request?.headers.has('X-CSRF')).toBe(false);
  });

  it('rejects an answer that is not JSON (e.g. a proxy page)', async () => {
    mockFetch({ 'GET /api/audit': { text: '<html>Sign in to the proxy</html>', headers: { 'Content-Type': 'text/html' } } });
    await expect(getAudit({})).rejects.toMatchObject({ code: 'invalid_response' });
  });

  it('pages on with nextCursor and stops when it is null', () => {
    const options = auditTrailQueryOptions({ user: 'alice.martin' });
    const next = options.getNextPageParam as (page: { nextCursor: string | null }) => string | undefined;
    expect(next({ nextCursor: 'abc' })).toBe('abc');
    expect(next({ nextCursor: null })).toBeUndefined();
    expect(options.queryKey).toEqual(['audit', 'list', { view: 'trail', user: 'alice.martin', limit: 50 }]);
  });

  it('builds the export link with the filter and the format, without paging', () => {
    const csv = auditExportUrl({ user: 'alice.martin', action: 'session.end', from: '2026-03-01T00:00:00.000+01:00' }, 'csv');
    expect(csv.startsWith('/api/audit/export?')).toBe(true);
    expect(params(csv)).toEqual({ user: 'alice.martin', action: 'session.end', from: '2026-03-01T00:00:00.000+01:00', format: 'csv' });
    expect(params(auditExportUrl({}, 'jsonl'))).toEqual({ format: 'jsonl' });
  });

  it('GETs the chain verification', async () => {
    const fetchMock = mockFetch({
      'GET /api/audit/verify': { json: { ok: false, checked: 12, firstBroken: { seq: 12, problem: 'hash mismatch' }, headHash: null } },
    });

    await expect(verifyAudit()).resolves.toMatchObject({ ok: false, firstBroken: { seq: 12 } });
    expect(fetchMock.calls('GET /api/audit/verify')).toHaveLength(1);
  });
});
