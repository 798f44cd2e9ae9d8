import session from 'express-session';

interface Entry {
  json: string;
  expiresAt: number;
}

type Callback = (err?: unknown) => void;

/**
 * The embedded session store: a Map with expiry and a periodic sweep (express-session's own
 * MemoryStore never forgets an expired session).
 */
export class MemorySessionStore extends session.Store {
  readonly #entries = new Map<string, Entry>();
  readonly #defaultTtlMs: number;
  readonly #sweeper: NodeJS.Timeout;

  constructor(defaultTtlMs: number, sweepEveryMs = 60_000) {
    super();
    this.#defaultTtlMs = defaultTtlMs;
    this.#sweeper = setInterval(() => this.sweep(), sweepEveryMs);
    this.#sweeper.unref();
  }

  get size(): number {
    return this.#entries.size;
  }

  sweep(now = Date.now()): void {
    for (const [id, entry] of this.#entries) if (entry.expiresAt <= now) this.#entries.delete(id);
  }

  close(): void {
    clearInterval(this.#sweeper);
  }

  override get(sid: string, callback: (err: unknown, data?: session.SessionData | null) => void): void {
    const entry = this.#entries.get(sid);
    if (!entry || entry.expiresAt <= Date.now()) {
      if (entry) this.#entries.delete(sid);
      callback(null, null);
      return;
    }
    callback(null, JSON.parse(entry.json) as session.SessionData);
  }

  override set(sid: string, data: session.SessionData, callback?: Callback): void {
    this.#entries.set(sid, { json: JSON.stringify(data), expiresAt: this.#expiry(data) });
    callback?.();
  }

  override touch(sid: string, data: session.SessionData, callback?: Callback): void {
    const entry = this.#entries.get(sid);
    if (entry) entry.expiresAt = this.#expiry(data);
    callback?.();
  }

  override destroy(sid: string, callback?: Callback): void {
    this.#entries.delete(sid);
    callback?.();
  }

  override clear(callback?: Callback): void {
    this.#entries.clear();
    callback?.();
  }

  override all(callback: (err: unknown, sessions?: session.SessionData[] | { [sid: string]: session.SessionData } | null) => void): void {
    const now = Date.now();
    const live = [...this.#entries.values()].filter((entry) => entry.expiresAt > now);
    callback(null, live.map((entry) => JSON.parse(entry.json) as session.SessionData));
  }

  override length(callback: (err: unknown, length?: number) => void): void {
    callback(null, this.#entries.size);
  }

  #expiry(data: session.SessionData): number {
    const expires = data.cookie?.expires;
    const cookieExpiry = expires ? new Date(expires).getTime() : Number.NaN;
    return Number.isFinite(cookieExpiry) ? cookieExpiry : Date.now() + this.#defaultTtlMs;
  }
}
