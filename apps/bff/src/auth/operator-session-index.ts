import type { RedisClientType } from 'redis';

/**
 * Which console sessions belong to a Keycloak session (`sid`) or a Keycloak user (`sub`), so that
 * a back-channel logout from Keycloak can end them on every instance sharing the store.
 * Keys are `sid:<sid>` and `sub:<sub>`; entries expire with the console session's absolute lifetime.
 */
export interface OperatorSessionIndex {
  /** Records that console session `consoleSessionId` belongs to these keys, for `ttlMs` milliseconds. */
  add(keys: readonly string[], consoleSessionId: string, ttlMs: number): Promise<void>;
  /** Removes and returns every console session id recorded under `key`. */
  take(key: string): Promise<string[]>;
  /** Records a logout token's `jti` for `ttlMs`; false when it was recorded before (a replay). */
  firstUse(jti: string, ttlMs: number): Promise<boolean>;
}

export const sidKey = (sid: string) => `sid:${sid}`;
export const subKey = (sub: string) => `sub:${sub}`;

/** The embedded index, for the embedded (in-memory) session store of one instance. */
export class MemoryOperatorSessionIndex implements OperatorSessionIndex {
  readonly #entries = new Map<string, Map<string, number>>();
  readonly #used = new Map<string, number>();

  async firstUse(jti: string, ttlMs: number): Promise<boolean> {
    const now = Date.now();
    for (const [id, expiresAt] of this.#used) if (expiresAt <= now) this.#used.delete(id);
    if (this.#used.has(jti)) return false;
    this.#used.set(jti, now + ttlMs);
    return true;
  }

  async add(keys: readonly string[], consoleSessionId: string, ttlMs: number): Promise<void> {
    const expiresAt = Date.now() + ttlMs;
    for (const key of keys) {
      let sessions = this.#entries.get(key);
      if (!sessions) {
        sessions = new Map();
        this.#entries.set(key, sessions);
      }
      this.#sweep(sessions);
      sessions.set(consoleSessionId, expiresAt);
    }
  }

  async take(key: string): Promise<string[]> {
    const sessions = this.#entries.get(key);
    this.#entries.delete(key);
    if (!sessions) return [];
    this.#sweep(sessions);
    return [...sessions.keys()];
  }

  #sweep(sessions: Map<string, number>): void {
    const now = Date.now();
    for (const [id, expiresAt] of sessions) if (expiresAt <= now) sessions.delete(id);
  }
}

/** The shared index in Redis: one set per key, beside connect-redis's sessions. */
export class RedisOperatorSessionIndex implements OperatorSessionIndex {
  readonly #client: RedisClientType;
  readonly #prefix: string;

  constructor(client: RedisClientType, prefix = 'session-desk:operator-index:') {
    this.#client = client;
    this.#prefix = prefix;
  }

  async add(keys: readonly string[], consoleSessionId: string, ttlMs: number): Promise<void> {
    const multi = this.#client.multi();
    for (const key of keys) {
      multi.sAdd(this.#prefix + key, consoleSessionId);
      multi.pExpire(this.#prefix + key, ttlMs);
    }
    await multi.exec();
  }

  async firstUse(jti: string, ttlMs: number): Promise<boolean> {
    return (await this.#client.set(`${this.#prefix}jti:${jti}`, '1', { NX: true, PX: ttlMs })) === 'OK';
  }

  async take(key: string): Promise<string[]> {
    const [members] = await this.#client.multi().sMembers(this.#prefix + key).del(this.#prefix + key).exec();
    return Array.isArray(members) ? members.map(String) : [];
  }
}
