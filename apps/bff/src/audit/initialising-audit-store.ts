import { auditWrites } from '../observability/metrics.js';
import { asAuditError, auditUnavailable, auditUnreadable } from './audit-errors.js';
import type { AuditFilter, AuditPage, AuditRecord, AuditStore, AuditStreamFilter, NewAuditEntry, VerifyResult } from './audit-store.js';

/**
 * Opens (creates or migrates) the store on first use and again after a failed attempt, so a
 * database that is down when the BFF starts costs 503s until it is back, not a restart.
 */
export class InitialisingAuditStore implements AuditStore {
  readonly #inner: AuditStore;
  #ready: Promise<void> | undefined;

  constructor(inner: AuditStore) {
    this.#inner = inner;
  }

  get kind(): AuditStore['kind'] {
    return this.#inner.kind;
  }

  init(): Promise<void> {
    this.#ready ??= this.#inner.init().catch((err: unknown) => {
      this.#ready = undefined;
      throw err;
    });
    return this.#ready;
  }

  async append(entry: NewAuditEntry): Promise<AuditRecord> {
    try {
      await this.init().catch((err: unknown) => {
        throw asAuditError(err, auditUnavailable);
      });
      const record = await this.#inner.append(entry);
      auditWrites.inc({ outcome: 'ok' });
      return record;
    } catch (err) {
      auditWrites.inc({ outcome: 'failed' });
      throw err;
    }
  }

  async query(filter: AuditFilter): Promise<AuditPage> {
    await this.#readable();
    return this.#inner.query(filter);
  }

  async *stream(filter: AuditStreamFilter): AsyncIterable<AuditRecord> {
    await this.#readable();
    yield* this.#inner.stream(filter);
  }

  async verify(): Promise<VerifyResult> {
    await this.#readable();
    return this.#inner.verify();
  }

  close(): Promise<void> {
    return this.#inner.close();
  }

  async #readable(): Promise<void> {
    await this.init().catch((err: unknown) => {
      throw asAuditError(err, auditUnreadable);
    });
  }
}
