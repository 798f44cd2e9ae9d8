export { CookieJar } from '@session-desk/test-support';

export class HttpStatusError extends Error {
  readonly status: number;
  readonly body: string;

  constructor(what: string, status: number, body: string) {
    super(`${what} answered HTTP ${status}${body ? `: ${body.slice(0, 300)}` : ''}`);
    this.name = 'HttpStatusError';
    this.status = status;
    this.body = body;
  }
}

/** GET returning parsed JSON; throws HttpStatusError (with Keycloak's or the BFF's message) otherwise. */
export async function getJson(url: string, headers: Record<string, string>): Promise<unknown> {
  const response = await fetch(url, { headers: { accept: 'application/json', ...headers } });
  const text = await response.text();
  if (!response.ok) throw new HttpStatusError(`GET ${new URL(url).pathname}${new URL(url).search}`, response.status, text);
  return JSON.parse(text) as unknown;
}

export type Json = Record<string, unknown>;

export const isJson = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

export const jsonArray = (value: unknown): Json[] => (Array.isArray(value) ? value.filter(isJson) : []);

export const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));
