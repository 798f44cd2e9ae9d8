import session from 'express-session';
import type { RedisClientType } from 'redis';

type Callback = (err?: unknown) => void;

/** Console session ids that were destroyed, remembered for a while so nothing writes them back. */
export interface EndedSessionMarks {
  /** Remembers `sid` as ended for `ttlMs` (ms). */
  mark(sid: string, ttlMs: number): Promise<void>;
  isMarked(sid: string): Promise<boolean>;
}

/** Marks in this process (the embedded default, one instance). */
export class MemoryEndedSessionMarks implements EndedSessionMarks {
  readonly #until = new Map<string, number>();

  async mark(sid: string, ttlMs: number): Promise<void> {
    const now = Date.now();
    // Forgotten as they expire: at most one sweep per mark keeps the map to the live ones.
    for (const [id, until] of this.#until) if (until <= now) this.#until.delete(id);
    this.#until.set(sid, now + ttlMs);
  }

  async isMarked(sid: string): Promise<boolean> {
    return (this.#until.get(sid) ?? 0) > Date.now();
  }
}

/** Marks in Redis (`session-desk:sess-ended:<sid>`, with a TTL), shared by every instance using it. */
export class RedisEndedSessionMarks implements EndedSessionMarks {
  readonly #client: RedisClientType;

  constructor(client: RedisClientType) {
    this.#client = client;
  }

  async mark(sid: string, ttlMs: number): Promise<void> {
    await this.#client.set(`session-desk:sess-ended:${sid}`, '1', { PX: Math.max(1, Math.ceil(ttlMs)) });
  }

  async isMarked(sid: string): Promise<boolean> {
    return (await this.#client.exists(`session-desk:sess-ended:${sid}`)) === 1;
  }
}

/**
 * A session store in which a destroyed console session stays destroyed. express-session writes a
 * request's session back when the request ends; a sign-out, back-channel logout or failed re-check
 * that destroyed it meanwhile (the operator's own request ended their Keycloak session, and Keycloak
 * told the console at once) would be undone by that write, and the operator kept their console
 * session until the next re-check. Here `destroy` marks the id first (for `markTtlMs`, ms, at least
 * the longest a request may hold a session), and `set` writes nothing for a marked id, checking again
 * after its write so a destroy that came in between still wins. Everything else is `inner`'s.
 */
export class EndedSessionsStore extends session.Store {
  readonly #inner: session.Store;
  readonly #marks: EndedSessionMarks;
  readonly #markTtlMs: number;

  constructor(inner: session.Store, marks: EndedSessionMarks, markTtlMs: number) {
    super();
    this.#inner = inner;
    this.#marks = marks;
    this.#markTtlMs = markTtlMs;
  }

  override get(sid: string, callback: (err: unknown, data?: session.SessionData | null) => void): void {
    this.#inner.get(sid, callback);
  }

  override set(sid: string, data: session.SessionData, callback?: Callback): void {
    const done = callback ?? (() => undefined);
    void (async () => {
      if (await this.#marks.isMarked(sid)) return;
      await promised((cb) => this.#inner.set(sid, data, cb));
      if (await this.#marks.isMarked(sid)) await promised((cb) => this.#inner.destroy(sid, cb));
    })().then(() => done(), done);
  }

  override destroy(sid: string, callback?: Callback): void {
    const done = callback ?? (() => undefined);
    this.#marks
      .mark(sid, this.#markTtlMs)
      .then(() => promised((cb) => this.#inner.destroy(sid, cb)))
      .then(() => done(), done);
  }

  override touch(sid: string, data: session.SessionData, callback?: Callback): void {
    if (this.#inner.touch) this.#inner.touch(sid, data, callback);
    else callback?.();
  }

  override all(callback: (err: unknown, sessions?: session.SessionData[] | { [sid: string]: session.SessionData } | null) => void): void {
    if (this.#inner.all) this.#inner.all(callback);
    else callback(null, null);
  }

  override length(callback: (err: unknown, length?: number) => void): void {
    if (this.#inner.length) this.#inner.length(callback);
    else callback(null, 0);
  }

  override clear(callback?: Callback): void {
    if (this.#inner.clear) this.#inner.clear(callback);
    else callback?.();
  }
}

function promised(run: (callback: Callback) => void): Promise<void> {
  return new Promise((resolve, reject) => run((err) => (err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve())));
}
