import { CSRF_HEADER, meResponseSchema } from '@session-desk/contracts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { jsonResponse, mockFetch } from '@/testing/fetch-mock';
import { operatorFixture } from '@/testing/fixtures';
import { api, ApiClientError, apiRequest, setUnauthenticatedHandler } from './api-client';

const okSchema = z.object({ ok: z.boolean() });

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

  it('sends GET same-origin, asking for JSON, without the CSRF header, and returns the validated body', async () => {
    const me = operatorFixture('helpdesk');
    const fetchMock = mockFetch({ 'GET /api/me': { json: me } });

    const result = await api.get('/api/me', meResponseSchema);

    expect(result).toEqual(me);
    const [request] = fetchMock.calls('GET /api/me');
    expect(request?.init.credentials).toBe('same-origin');
    expect(request?.headers.get('Accept')).toBe('application/json');
    expect(request?.headers.has(CSRF_HEADER)).toBe(false);
    expect(request?.init.body).toBeUndefined();
  });

  it('adds X-CSRF: 1 and a JSON body on POST', async () => {
    const fetchMock = mockFetch({ 'POST /api/things': { json: { ok: true } } });

    await api.post('/api/things', { reason: 'phished account' }, okSchema);

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

    const error = await catchError(api.get('/api/me', meResponseSchema));

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

    const error = await catchError(api.get('/api/me', meResponseSchema));

    expect(error.status).toBe(502);
    expect(error.code).toBe('unreadable_error');
    expect(error.message).toBe('The server answered HTTP 502 Bad Gateway without details.');
    expect(error.requestId).toBe('edge-7');
  });

  it('reports a network failure as status 0', async () => {
    vi.stubGlobal('fetch', vi.fn(() => Promise.reject(new TypeError('Failed to fetch'))));

    const error = await catchError(api.get('/api/me', meResponseSchema));

    expect(error).toMatchObject({ status: 0, code: 'network_error' });
  });

  it('calls the sign-in redirect on a 401, and still rejects', async () => {
    mockFetch({ 'GET /api/me': { status: 401, json: { error: 'unauthenticated', message: 'No session' } } });

    const error = await catchError(api.get('/api/me', meResponseSchema));

    expect(error.status).toBe(401);
    expect(onUnauthenticated).toHaveBeenCalledTimes(1);
  });

  it('does not redirect on a 401 when the caller opts out', async () => {
    mockFetch({ 'POST /auth/logout': { status: 401, json: { error: 'unauthenticated', message: 'No session' } } });

    await catchError(apiRequest('/auth/logout', { method: 'POST', redirectOnUnauthenticated: false }));

    expect(onUnauthenticated).not.toHaveBeenCalled();
  });

  it('rejects a 2xx answer that does not match the schema', async () => {
    mockFetch({ 'GET /api/me': { json: { ...operatorFixture('admin'), primaryRole: 'superuser' } } });

    const error = await catchError(api.get('/api/me', meResponseSchema));

    expect(error.code).toBe('invalid_response');
    expect(error.status).toBe(200);
    expect(error.cause).toBeInstanceOf(z.ZodError);
  });

  it('rejects a 2xx answer that is not JSON at all', async () => {
    mockFetch({ 'GET /api/me': { text: 'OK', headers: { 'Content-Type': 'text/plain' } } });

    const error = await catchError(api.get('/api/me', meResponseSchema));

    expect(error.code).toBe('invalid_response');
  });

  it('refuses to call anything but a same-origin path', async () => {
    const fetchMock = mockFetch({});

    await expect(api.get('//evil.example/api/me', meResponseSchema)).rejects.toThrow(/same-origin/);
    await expect(api.get('https://evil.example/api/me', meResponseSchema)).rejects.toThrow(/same-origin/);
    expect(fetchMock.fn).not.toHaveBeenCalled();
  });

  it('passes the abort signal through', async () => {
    const fetchMock = mockFetch({ 'GET /api/me': jsonResponse(operatorFixture('auditor')) });
    const controller = new AbortController();

    await api.get('/api/me', meResponseSchema, { signal: controller.signal });

    expect(fetchMock.requests[0]?.init.signal).toBe(controller.signal);
  });
});
