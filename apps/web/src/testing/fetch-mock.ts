import { vi, type Mock } from 'vitest';

export type MockReply =
  | Response
  | { status?: number; json?: unknown; text?: string; headers?: Record<string, string> }
  | ((request: RecordedRequest) => Response | Promise<Response>);

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Headers;
  body: unknown;
  init: RequestInit;
}

export interface FetchMock {
  fn: Mock<typeof fetch>;
  requests: RecordedRequest[];
  /** Requests matching "METHOD /path" (query string included in the path). */
  calls(route: string): RecordedRequest[];
}

/** A JSON response the way the BFF sends it. */
export function jsonResponse(body: unknown, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  return new Response(JSON.stringify(body), {
    status: init.status ?? 200,
    headers: { 'Content-Type': 'application/json', ...init.headers },
  });
}

function toResponse(reply: Exclude<MockReply, (request: RecordedRequest) => unknown>): Response {
  if (reply instanceof Response) return reply;
  const headers = reply.headers ?? {};
  if (reply.text !== undefined) return new Response(reply.text, { status: reply.status ?? 200, headers });
  return jsonResponse(reply.json ?? null, { status: reply.status ?? 200, headers });
}

/**
 * Stubs global `fetch` with a route table keyed "METHOD /path". A route can hold one reply or a
 * list (consumed in order, the last one repeats). Unknown routes answer 404 and are recorded, so a
 * test can assert that a page did (or did not) call something.
 */
export function mockFetch(routes: Record<string, MockReply | MockReply[]>): FetchMock {
  const requests: RecordedRequest[] = [];
  const counters = new Map<string, number>();

  const fn = vi.fn<typeof fetch>(async (input, init = {}) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url, 'http://localhost');
    const method = (init.method ?? 'GET').toUpperCase();
    const path = `${url.pathname}${url.search}`;
    const bodyText = typeof init.body === 'string' ? init.body : undefined;
    const request: RecordedRequest = {
      method,
      path,
      headers: new Headers(init.headers),
      body: bodyText === undefined ? undefined : JSON.parse(bodyText),
      init,
    };
    requests.push(request);

    if (init.signal?.aborted) throw new DOMException('The operation was aborted.', 'AbortError');

    const key = `${method} ${path}`;
    const entry = routes[key] ?? routes[`${method} ${url.pathname}`];
    if (entry === undefined) {
      return jsonResponse({ error: 'not_found', message: `No mock for ${key}` }, { status: 404 });
    }
    const list = Array.isArray(entry) ? entry : [entry];
    const index = counters.get(key) ?? 0;
    counters.set(key, index + 1);
    const reply = list[Math.min(index, list.length - 1)] as MockReply;
    return typeof reply === 'function' ? reply(request) : toResponse(reply);
  });

  vi.stubGlobal('fetch', fn);
  return {
    fn,
    requests,
    calls: (route) => requests.filter((r) => `${r.method} ${r.path}` === route || `${r.method} ${r.path.split('?')[0]}` === route),
  };
}
