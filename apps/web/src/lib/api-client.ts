import type { ApiError } from '@session-desk/contracts';
import { CSRF_HEADER, CSRF_HEADER_VALUE } from '@session-desk/contracts/rules';
import { redirectToSignIn } from './sign-in-redirect';

/**
 * THE one place that talks HTTP to the BFF. Same origin only, cookies ride along, tokens never
 * reach the browser. Answers are typed with the contracts' types and not validated again: the BFF
 * is built against the same contracts and is the only origin called. What the client cannot read
 * (no JSON, no JSON object) and every failure becomes an `ApiClientError`.
 */

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Error codes the client itself produces, on top of the BFF's `ErrorCode`s. */
export const clientErrorCodes = {
  network: 'network_error',
  invalidResponse: 'invalid_response',
  unreadableError: 'unreadable_error',
} as const;

export class ApiClientError extends Error {
  override readonly name = 'ApiClientError';
  /** HTTP status, or 0 when no answer arrived at all (network down, request aborted). */
  readonly status: number;
  /** The BFF's machine-readable code (`keycloak_unavailable`, `forbidden`, ...) or a client code. */
  readonly code: string;
  readonly requestId: string | undefined;

  constructor(init: { status: number; code: string; message: string; requestId?: string | undefined; cause?: unknown }) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.status = init.status;
    this.code = init.code;
    this.requestId = init.requestId;
  }
}

export function isApiClientError(error: unknown): error is ApiClientError {
  return error instanceof ApiClientError;
}

export function isUnauthenticatedError(error: unknown): boolean {
  return isApiClientError(error) && error.status === 401;
}

type UnauthenticatedHandler = () => void;
let onUnauthenticated: UnauthenticatedHandler = () => redirectToSignIn();

/** Replaces what happens on a 401 (tests). Returns a function restoring the previous handler. */
export function setUnauthenticatedHandler(handler: UnauthenticatedHandler): () => void {
  const previous = onUnauthenticated;
  onUnauthenticated = handler;
  return () => {
    onUnauthenticated = previous;
  };
}

export interface ApiRequestOptions {
  method?: HttpMethod;
  /** Serialised as JSON. */
  body?: unknown;
  signal?: AbortSignal;
  /** Default true: a 401 sends the browser to sign-in. Sign-out turns it off. */
  redirectOnUnauthenticated?: boolean;
}

export interface ApiRequestOptionsReadingJson extends ApiRequestOptions {
  /** Read the 2xx answer as a JSON object; anything else throws `ApiClientError` with code `invalid_response`. */
  readJson: true;
}

const SAFE_METHODS: ReadonlySet<HttpMethod> = new Set(['GET', 'HEAD']);

export function apiRequest<T>(path: string, options: ApiRequestOptionsReadingJson): Promise<T>;
export function apiRequest(path: string, options?: ApiRequestOptions & { readJson?: false }): Promise<void>;
export async function apiRequest<T>(path: string, options: ApiRequestOptions & { readJson?: boolean } = {}): Promise<T | void> {
  if (!path.startsWith('/') || path.startsWith('//')) {
    throw new Error(`apiRequest only calls the same-origin BFF; got "${path}"`);
  }
  const method = options.method ?? 'GET';
  const headers = new Headers({ Accept: 'application/json' });
  if (!SAFE_METHODS.has(method)) headers.set(CSRF_HEADER, CSRF_HEADER_VALUE);

  const init: RequestInit = { method, headers, credentials: 'same-origin', cache: 'no-store' };
  if (options.signal) init.signal = options.signal;
  if (options.body !== undefined) {
    headers.set('Content-Type', 'application/json');
    init.body = JSON.stringify(options.body);
  }

  let response: Response;
  try {
    response = await fetch(path, init);
  } catch (cause) {
    if (options.signal?.aborted) throw cause; // let React Query see its own AbortError
    throw new ApiClientError({
      status: 0,
      code: clientErrorCodes.network,
      message: 'Could not reach the Session Desk server.',
      cause,
    });
  }

  if (!response.ok) {
    const error = await errorFromResponse(response);
    if (response.status === 401 && options.redirectOnUnauthenticated !== false) onUnauthenticated();
    throw error;
  }

  if (!options.readJson) return;

  const requestId = response.headers.get('x-request-id') ?? undefined;
  let payload: unknown;
  try {
    payload = response.status === 204 ? undefined : await response.json();
  } catch (cause) {
    throw new ApiClientError({
      status: response.status,
      code: clientErrorCodes.invalidResponse,
      message: 'The server sent an answer that is not valid JSON.',
      requestId,
      cause,
    });
  }
  // Every answer the contracts describe is a JSON object; `null`, a list or a bare value is not one of them.
  if (!isRecord(payload) || Array.isArray(payload)) {
    throw new ApiClientError({
      status: response.status,
      code: clientErrorCodes.invalidResponse,
      message: `The server's answer to ${method} ${pathOnly(path)} did not have the expected shape.`,
      requestId,
    });
  }
  return payload as T;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** The BFF's error body (`ApiError`), read structurally. */
function asApiError(value: unknown): ApiError | undefined {
  if (!isRecord(value) || typeof value.error !== 'string' || typeof value.message !== 'string') return undefined;
  return { error: value.error, message: value.message, requestId: typeof value.requestId === 'string' ? value.requestId : undefined };
}

async function errorFromResponse(response: Response): Promise<ApiClientError> {
  const headerRequestId = response.headers.get('x-request-id') ?? undefined;
  const text = await response.text().catch(() => '');
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  const body = asApiError(json);
  if (body) {
    return new ApiClientError({
      status: response.status,
      code: body.error,
      message: body.message,
      requestId: body.requestId ?? headerRequestId,
    });
  }
  // Not the BFF's error shape: most likely a proxy or gateway page (HTML / plain text).
  const statusText = response.statusText ? ` ${response.statusText}` : '';
  return new ApiClientError({
    status: response.status,
    code: clientErrorCodes.unreadableError,
    message: `The server answered HTTP ${response.status}${statusText} without details.`,
    requestId: headerRequestId,
  });
}

function pathOnly(path: string): string {
  return path.split('?')[0] ?? path;
}

type CallOptions = Omit<ApiRequestOptions, 'method' | 'body'>;

/** `T` is the contracts' type of the answer (e.g. `MeResponse`); without it nothing is read. */
export const api = {
  get<T>(path: string, options?: CallOptions): Promise<T> {
    return apiRequest<T>(path, { ...options, method: 'GET', readJson: true });
  },
  post<T>(path: string, body: unknown, options?: CallOptions): Promise<T> {
    return apiRequest<T>(path, { ...options, method: 'POST', body, readJson: true });
  },
  put<T>(path: string, body: unknown, options?: CallOptions): Promise<T> {
    return apiRequest<T>(path, { ...options, method: 'PUT', body, readJson: true });
  },
  /** Reads the answer's JSON body only with `readJson` (else e.g. 204 No Content). */
  delete<T = void>(path: string, options?: CallOptions & { body?: unknown; readJson?: boolean }): Promise<T> {
    const { readJson, ...rest } = options ?? {};
    if (readJson) return apiRequest<T>(path, { ...rest, method: 'DELETE', readJson: true });
    return apiRequest(path, { ...rest, method: 'DELETE' }) as Promise<T>;
  },
};

/** A GET of `path` without parameters, answering `T`; cancellable with react-query's `signal`. */
export function apiGetter<T>(path: string): (options?: { signal?: AbortSignal }) => Promise<T> {
  return ({ signal } = {}) => api.get<T>(path, { signal });
}

/** A GET of `/api/realms/:realm/<suffix>` (realm URL-encoded), answering `T`; cancellable with react-query's `signal`. */
export function realmApiGetter<T>(suffix: string): (realm: string, options?: { signal?: AbortSignal }) => Promise<T> {
  return (realm, { signal } = {}) => api.get<T>(`/api/realms/${encodeURIComponent(realm)}/${suffix}`, { signal });
}
