import type { MeResponse } from '@session-desk/contracts';
import { CSRF_HEADER } from '@session-desk/contracts/rules';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, mockFetch } from '@/testing/fetch-mock';
import { operatorFixture } from '@/testing/fixtures';
import { api, ApiClientError, apiRequest, setUnauthenticatedHandler } from './api-client';

async function catchError(promise: Promise<unknown>): Promise<ApiClientError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiClientError) return error;
    throw error;
  }
  throw new Error('expected the request to fail');
}

describe('apiRequest', () => {
  const onUnauthenticated = vi.fn();
  let restore: () => void;
  beforeEach(() => {
    onUnauthenticated.mockReset();
    restore = setUnauthenticatedHandler(onUnauthenticated);
  });
  afterEach(() => restore());

  it('sends GET same-origin, asking for JSON, without the CSRF header, and returns the body', async () => {
    const me = operatorFixture('helpdesk');
    const fetchMock = mockFetch({ 'GET /api/me': { json: me } });

    const result = await api.get<MeResponse>('/api/me');

    expect(result).toEqual(me);
    const [request] = fetchMock.calls('GET /api/me');
    expect(request?.init.credentials).toBe('same-origin');
    expect(request?.headers.get('Accept')).toBe('application/json');
    expect(request?.headers.has(CSRF_HEADER)).toBe(false);
    expect(request?.init.body).toBeUndefined();
  });

  it('adds X-CSRF: 1 and a JSON body on POST', async () => {
    const fetchMock = mockFetch({ 'POST /api/things': { json: { ok: true } } });

    await expect(api.post<{ ok: boolean }>('/api/things', { reason: 'phished account' })).resolves.toEqual({ ok: true });

    const [request] = fetchMock.calls('POST /api/things');
    expect(request?.headers.get('X-CSRF')).toBe('1');
    expect(request?.headers.get('Content-Type')).toBe('application/json');
    expect(request?.body).toEqual({ reason: 'phished account' });
  });

  it('adds X-CSRF: 1 on DELETE and accepts an empty 204', async () => {
    const fetchMock = mockFetch({ 'DELETE /api/sessions/abc': new Response(null, { status: 204 }) });

    await expect(api.delete('/api/sessions/abc')).resolves.toBeUndefined();

    expect(fetchMock.calls('DELETE /api/sessions/abc')[0]?.headers.get('X-CSRF')).toBe('1');
  });

  it('turns a BFF error body into an ApiClientError with status, code, message and request id', async () => {
    mockFetch({
      'GET /api/me': {
        status: 503,
        json: { error: 'keycloak_unavailable', message: 'Keycloak did not answer', requestId: 'req-42' },
      },
    });

    const error = await catchError(api.get<MeResponse>('/api/me'));

    expect(error).toMatchObject({
      status: 503,
      code: 'keycloak_unavailable',
      message: 'Keycloak did not answer',
      requestId: 'req-42',
    });
    expect(onUnauthenticated).not.toHaveBeenCalled();
  });

  it('falls back to a readable error when the body is not JSON (e.g. a proxy page)', async () => {
    mockFetch({
      'GET /api/me': new Response('<html><body>Bad Gateway</body></html>', {
        status: 502,
        statusText: 'Bad Gateway',
        headers: { 'Content-Type': 'text/html', 'X-Request-Id': 'edge-7' },
      }),
    });

    const error = await catchError(api.get<MeResponse>('/api/me'));

    expect(error.status).toBe(502);
    expect(error.code).toBe('unreadable_error');
    expect(error.message).toBe('The server answered HTTP 502 Bad Gateway without details.');
    expect(error.requestId).toBe('edge-7');
  });

  it('reports a network failure as status 0', async () => {
    vi.stubGlobal('fetch', vi.fn(() => Promise.reject(new TypeError('Failed to fetch'))));

    const error = await catchError(api.get<MeResponse>('/api/me'));

    expect(error).toMatchObject({ status: 0, code: 'network_error' });
  });

  it('calls the sign-in redirect on a 401, and still rejects', async () => {
    mockFetch({ 'GET /api/me': { status: 401, json: { error: 'unauthenticated', message: 'No session' } } });

    const error = await catchError(api.get<MeResponse>('/api/me'));

    expect(error.status).toBe(401);
    expect(onUnauthenticated).toHaveBeenCalledTimes(1);
  });

  it('does not redirect on a 401 when the caller opts out', async () => {
    mockFetch({ 'POST /auth/logout': { status: 401, json: { error: 'unauthenticated', message: 'No session' } } });

    await catchError(apiRequest('/auth/logout', { method: 'POST', redirectOnUnauthenticated: false }));

    expect(onUnauthenticated).not.toHaveBeenCalled();
  });

  it('reads the JSON body of a DELETE only when asked to', async () => {
    mockFetch({ 'DELETE /api/me/sessions/abc': { json: { ended: true, sessionId: 'abc' } } });

    await expect(api.delete('/api/me/sessions/abc')).resolves.toBeUndefined();
    await expect(api.delete<{ ended: true }>('/api/me/sessions/abc', { readJson: true })).resolves.toEqual({ ended: true, sessionId: 'abc' });
  });

  it.each([null, [], 'ok', 42])('rejects a 2xx JSON answer that is not an object: %j', async (json) => {
    mockFetch({ 'GET /api/me': { json } });

    const error = await catchError(api.get<MeResponse>('/api/me?x=1'));

    expect(error).toMatchObject({ status: 200, code: 'invalid_response' });
    expect(error.message).toBe("The server's answer to GET /api/me did not have the expected shape.");
  });

  it('rejects a 204 where an answer is expected', async () => {
    mockFetch({ 'GET /api/me': new Response(null, { status: 204 }) });

    const error = await catchError(api.get<MeResponse>('/api/me'));

    expect(error).toMatchObject({ status: 204, code: 'invalid_response' });
  });

  it('reads an error body only when it has the BFF error shape', async () => {
    mockFetch({ 'GET /api/me': { status: 500, json: { error: 500, message: 'Internal' }, headers: { 'X-Request-Id': 'r-1' } } });

    const error = await catchError(api.get<MeResponse>('/api/me'));

    expect(error).toMatchObject({ status: 500, code: 'unreadable_error', requestId: 'r-1' });
  });

  it('takes the request id of an error from the header when the body has none', async () => {
    mockFetch({ 'GET /api/me': { status: 403, json: { error: 'forbidden', message: 'No' }, headers: { 'X-Request-Id': 'r-2' } } });

    const error = await catchError(api.get<MeResponse>('/api/me'));

    expect(error).toMatchObject({ status: 403, code: 'forbidden', message: 'No', requestId: 'r-2' });
  });

  it('rejects a 2xx answer that is not JSON at all', async () => {
    mockFetch({ 'GET /api/me': { text: 'OK', headers: { 'Content-Type': 'text/plain' } } });

    const error = await catchError(api.get<MeResponse>('/api/me'));

    expect(error).toMatchObject({ status: 200, code: 'invalid_response', message: 'The server sent an answer that is not valid JSON.' });
  });

  it('refuses to call anything but a same-origin path', async () => {
    const fetchMock = mockFetch({});

    await expect(api.get('//evil.example/api/me')).rejects.toThrow(/same-origin/);
    await expect(api.get('https://evil.example/api/me')).rejects.toThrow(/same-origin/);
    expect(fetchMock.fn).not.toHaveBeenCalled();
  });

  it('passes the abort signal through', async () => {
    const fetchMock = mockFetch({ 'GET /api/me': jsonResponse(operatorFixture('auditor')) });
    const controller = new AbortController();

    await api.get<MeResponse>('/api/me', { signal: controller.signal });

    expect(fetchMock.requests[0]?.init.signal).toBe(controller.signal);
  });
});
