import { setTimeout as sleep } from 'node:timers/promises';
import type { SessionJob } from '@session-desk/contracts';
import type { JobStore } from './job-store.js';

export interface CheckpointOptions {
  /** How often progress is written while it changes. */
  intervalMs: number;
  /** How often it is written when nothing changed: the owner's sign of life. */
  heartbeatMs: number;
  /** Pauses between tries of the final write. */
  finishRetryDelaysMs: readonly number[];
  /** Another instance asked for the job to be cancelled. */
  onCancelRequested: () => void;
  /** Another instance declared the job interrupted: stop ending sessions. */
  onLost: () => void;
  onError: (err: unknown, what: 'checkpoint' | 'finish') => void;
}

/**
 * Writes a running job's counters to the store on a timer, never from the item loop, so a slow
 * store does not slow the job; at most one write is in flight and changes in between are coalesced.
 */
export class JobCheckpoints {
  readonly #store: JobStore;
  readonly #status: SessionJob;
  readonly #owner: string;
  readonly #options: CheckpointOptions;
  #timer: NodeJS.Timeout | undefined;
  #inFlight: Promise<void> = Promise.resolve();
  #written = '';
  #writtenAt = Date.now();
  #stopped = false;

  constructor(store: JobStore, status: SessionJob, owner: string, options: CheckpointOptions) {
    this.#store = store;
    this.#status = status;
    this.#owner = owner;
    this.#options = options;
    this.#written = this.#progressKey();
  }

  start(): void {
    this.#schedule();
  }

  /** Stops the timer and writes the final document, retrying for a while: it is what other instances will show. */
  async finish(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#inFlight;
    const document = structuredClone(this.#status);
    for (const delay of [0, ...this.#options.finishRetryDelaysMs]) {
      if (delay > 0) await sleep(delay);
      try {
        await this.#store.finish(document, this.#owner);
        return;
      } catch (err) {
        this.#options.onError(err, 'finish');
      }
    }
  }

  #schedule(): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => {
      this.#inFlight = this.#tick().finally(() => this.#schedule());
    }, this.#options.intervalMs);
    // A running job must not keep a process alive that is otherwise done (tests, shutdown).
    this.#timer.unref();
  }

  async #tick(): Promise<void> {
    const key = this.#progressKey();
    if (key === this.#written && Date.now() - this.#writtenAt < this.#options.heartbeatMs) return;
    const { done, failed, left } = this.#status;
    try {
      const answer = await this.#store.checkpoint(this.#status.id, this.#owner, { done, failed, left });
      this.#written = key;
      this.#writtenAt = Date.now();
      if (!answer) this.#options.onLost();
      else if (answer.cancelRequested) this.#options.onCancelRequested();
    } catch (err) {
      this.#options.onError(err, 'checkpoint');
    }
  }

  #progressKey(): string {
    return `${this.#status.done}/${this.#status.failed}/${this.#status.left}`;
  }
}
