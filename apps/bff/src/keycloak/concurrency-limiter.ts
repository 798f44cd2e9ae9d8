import { HttpError } from '../http/errors.js';

/**
 * Bounds the calls in flight toward Keycloak and the calls waiting for a slot, so a hung Keycloak
 * cannot pile up sockets or memory; past the queue, callers get 503 with Retry-After at once.
 */
export class ConcurrencyLimiter {
  #active = 0;
  readonly #waiting: Array<() => void> = [];
  readonly maxActive: number;
  readonly maxQueued: number;

  constructor(maxActive: number, maxQueued: number) {
    this.maxActive = maxActive;
    this.maxQueued = maxQueued;
  }

  get active(): number {
    return this.#active;
  }

  get queued(): number {
    return this.#waiting.length;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    await this.#acquire();
    try {
      return await task();
    } finally {
      this.#release();
    }
  }

  #acquire(): Promise<void> {
    if (this.#active < this.maxActive) {
      this.#active += 1;
      return Promise.resolve();
    }
    if (this.#waiting.length >= this.maxQueued) {
      return Promise.reject(
        new HttpError(503, 'busy', 'Session Desk is waiting on Keycloak for too many requests already. Try again shortly.', {
          headers: { 'Retry-After': '2' },
        }),
      );
    }
    return new Promise((resolve) => {
      this.#waiting.push(() => {
        this.#active += 1;
        resolve();
      });
    });
  }

  #release(): void {
    this.#active -= 1;
    this.#waiting.shift()?.();
  }
}
