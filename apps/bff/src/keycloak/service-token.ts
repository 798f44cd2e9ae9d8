export interface IssuedToken {
  accessToken: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

export type TokenFetcher = () => Promise<IssuedToken>;

/**
 * Caches the service-account token until shortly before it expires. Concurrent callers share one
 * fetch; a token Keycloak rejected is dropped so the next call fetches a fresh one.
 */
export class ServiceTokenCache {
  readonly #fetchToken: TokenFetcher;
  readonly #now: () => number;
  readonly #refreshMarginMs: number;
  #current: IssuedToken | undefined;
  #inFlight: Promise<IssuedToken> | undefined;
  #fetches = 0;

  constructor(fetchToken: TokenFetcher, options: { now?: () => number; refreshMarginMs?: number } = {}) {
    this.#fetchToken = fetchToken;
    this.#now = options.now ?? Date.now;
    this.#refreshMarginMs = options.refreshMarginMs ?? 30_000;
  }

  /** How many times a token was fetched from Keycloak (for metrics and tests). */
  get fetchCount(): number {
    return this.#fetches;
  }

  async getToken(): Promise<string> {
    const current = this.#current;
    if (current && current.expiresAt - this.#refreshMarginMs > this.#now()) return current.accessToken;
    this.#inFlight ??= this.#fetch();
    return (await this.#inFlight).accessToken;
  }

  /** Drops `token` if it is still the cached one (another caller may already have replaced it). */
  invalidate(token?: string): void {
    if (token === undefined || this.#current?.accessToken === token) this.#current = undefined;
  }

  async #fetch(): Promise<IssuedToken> {
    try {
      this.#fetches += 1;
      const token = await this.#fetchToken();
      this.#current = token;
      return token;
    } finally {
      this.#inFlight = undefined;
    }
  }
}
