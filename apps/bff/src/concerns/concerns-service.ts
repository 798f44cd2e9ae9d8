import {
  concernSettingsSchema,
  withConcernDefaults,
  type ConcernCountResponse,
  type ConcernItem,
  type ConcernListQuery,
  type ConcernListResponse,
  type ConcernSettings,
  type ConcernSettingsChange,
  type ConcernSettingsResponse,
  type SessionRow,
  type SnapshotInfo,
} from '@session-desk/contracts';
import type { ActionContext } from '../actions/action-context.js';
import { FeatureService } from '../actions/action-runner.js';
import type { AuditIntent } from '../audit/audit-trail.js';
import { HttpError, serviceUnavailable } from '../http/errors.js';
import type { AuditStore } from '../audit/audit-store.js';
import { countByRule, evaluateConcerns, historyOf, sessionSightings } from './concern-rules.js';
import { OPERATOR_ENDING_ACTIONS, OperatorEnds } from './operator-ends.js';
import type { ConcernStore, StoredConcernSettings } from './concern-store.js';

export interface ConcernsOptions {
  store: ConcernStore;
  /** The audit trail: which sessions operators ended (their countries are not "seen"). */
  trail: AuditStore;
  /** Called when the sightings of a snapshot cannot be stored (the next build tries again). */
  onRecordError?: (err: unknown, realm: string) => void;
  /** What a realm uses until an admin saves settings for it (the contract's defaults unless configured, e.g. by the demo). */
  defaults: ConcernSettings;
  /** How long one evaluation of a realm is reused while neither its snapshot nor its settings change (ms). */
  reuseMs?: number;
  now?: () => number;
}

interface Evaluation {
  items: ConcernItem[];
  settings: ConcernSettings;
  snapshot: SnapshotInfo;
  evaluatedAt: number;
  key: string;
}

const unavailable = (cause: unknown) =>
  serviceUnavailable('concerns_unavailable', 'The settings of the sessions of concern cannot be read or stored right now, so nothing was changed. Try again shortly.', cause);

const storeCall = <T>(call: () => Promise<T>): Promise<T> =>
  call().catch((err: unknown) => {
    throw err instanceof HttpError ? err : unavailable(err);
  });

/** Where a realm's reading of the trail stands: what it found, and the last record read per action. */
interface EndsRead {
  ends: OperatorEnds;
  lastSeq: Map<string, { seq: number; at: string }>;
}

/** Everything a snapshot can hold: the rules read the whole realm, not a page of it. */
const WHOLE_REALM = { first: 0, max: Number.MAX_SAFE_INTEGER, sort: 'lastAccess:desc' } as const;

/**
 * Sessions of concern in a managed realm: the rules of concern-rules.ts over the realm's current
 * snapshot (the rows of the Sessions list) and the users' seen countries, with per-realm settings.
 * Every snapshot this instance builds records its live sessions' countries (per session); reading
 * writes nothing. A country is "seen" through a session unless an operator ended that session
 * (the audit trail says which). Changing the settings goes through the action runner (authorize →
 * run inside the audit trail). Ending flagged sessions is not here: the page uses the sessions and
 * bulk routes.
 */
export class ConcernsService extends FeatureService {
  readonly #store: ConcernStore;
  readonly #defaults: ConcernSettings;
  readonly #reuseMs: number;
  readonly #now: () => number;
  readonly #evaluations = new Map<string, Evaluation>();
  readonly #trail: AuditStore;
  readonly #onRecordError: (err: unknown, realm: string) => void;
  /** Sessions whose sighting this instance already stored, by realm (only those still live are kept). */
  readonly #recorded = new Map<string, Set<string>>();
  /** Each realm's recording, one after the other. */
  readonly #recording = new Map<string, Promise<void>>();
  readonly #ends = new Map<string, EndsRead>();

  constructor(deps: ConstructorParameters<typeof FeatureService>[0], options: ConcernsOptions) {
    super(deps);
    this.#store = options.store;
    this.#trail = options.trail;
    this.#onRecordError = options.onRecordError ?? (() => undefined);
    this.snapshots.onBuilt((realm, rows) => {
      const previous = this.#recording.get(realm) ?? Promise.resolve();
      this.#recording.set(
        realm,
        previous.then(() => this.#record(realm, rows)).catch((err: unknown) => this.#onRecordError(err, realm)),
      );
    });
    this.#defaults = options.defaults;
    this.#reuseMs = options.reuseMs ?? 5_000;
    this.#now = options.now ?? Date.now;
  }

  async list(realm: string, query: ConcernListQuery): Promise<ConcernListResponse> {
    const evaluation = await this.#evaluate(realm);
    return {
      realm,
      items: query.rule ? evaluation.items.filter((item) => item.rule === query.rule) : evaluation.items,
      byRule: countByRule(evaluation.items),
      settings: evaluation.settings,
      evaluatedAt: new Date(evaluation.evaluatedAt).toISOString(),
      snapshot: evaluation.snapshot,
    };
  }

  async count(realm: string): Promise<ConcernCountResponse> {
    const { items } = await this.#evaluate(realm);
    return { realm, count: items.length, byRule: countByRule(items) };
  }

  async settings(realm: string): Promise<ConcernSettingsResponse> {
    return this.#response(realm, await storeCall(() => this.#store.settings(realm)));
  }

  /**
   * Replaces the realm's settings (admins: the route declares `concerns:configure`): the rules and
   * fields `settings` leaves out take the realm's defaults (the `defaults` answered). Recorded in the
   * audit trail as `concerns.configure` with the reason and the settings before and after; a
   * refusal is recorded too. Throws 403 when refused, 503 when the audit trail or the store fails.
   */
  async updateSettings(context: ActionContext, realm: string, body: { reason: string; settings: ConcernSettingsChange }): Promise<ConcernSettingsResponse> {
    const intent: AuditIntent = { action: 'concerns.configure', realm, reason: body.reason };
    await this.actions.authorize(context, intent);
    const before = (await this.settings(realm)).settings;
    const after = withConcernDefaults(body.settings, this.#defaults);
    intent.details = { before, after };
    const stored = await this.actions.run(context, intent, () =>
      storeCall(() => this.#store.saveSettings(realm, after, { id: context.actor.operator.id, username: context.actor.operator.username })),
    );
    this.#evaluations.delete(realm);
    return this.#response(realm, stored);
  }

  #response(realm: string, stored: StoredConcernSettings | null): ConcernSettingsResponse {
    return {
      realm,
      settings: this.#parseStored(stored),
      defaults: this.#defaults,
      updatedAt: stored?.updatedAt ?? null,
      updatedBy: stored?.updatedBy ?? null,
    };
  }

  /** Stored settings over the defaults: a rule added after they were saved takes its default. */
  #parseStored(stored: StoredConcernSettings | null): ConcernSettings {
    if (!stored) return this.#defaults;
    const parsed = concernSettingsSchema.safeParse({ ...this.#defaults, ...(stored.settings as object) });
    return parsed.success ? parsed.data : this.#defaults;
  }

  async #evaluate(realm: string): Promise<Evaluation> {
    const { items: rows, snapshot } = await this.snapshots.list(realm, WHOLE_REALM);
    const settings = this.#parseStored(await storeCall(() => this.#store.settings(realm)));
    const now = this.#now();
    const key = `${snapshot.builtAt}\n${JSON.stringify(settings)}`;
    const reused = this.#evaluations.get(realm);
    if (reused && reused.key === key && now - reused.evaluatedAt < this.#reuseMs) return reused;
    // A snapshot's sightings are stored before they are read (a failed recording was reported and is retried on the next build).
    await this.#recording.get(realm);
    const ends = await this.#operatorEnds(realm);
    const sightings = await storeCall(() => this.#store.sightings(realm));
    const history = historyOf(sightings.filter((sighting) => !ends.ended(sighting)));
    const evaluation: Evaluation = { items: evaluateConcerns({ rows, history, settings, now }), settings, snapshot, evaluatedAt: now, key };
    this.#evaluations.set(realm, evaluation);
    return evaluation;
  }

  /** Stores the sightings of a snapshot's live sessions this instance has not stored yet. */
  async #record(realm: string, rows: readonly SessionRow[]): Promise<void> {
    const recorded = this.#recorded.get(realm) ?? new Set<string>();
    const sightings = sessionSightings(rows);
    await this.#store.recordSightings(realm, sightings.filter((sighting) => !recorded.has(`${sighting.userId}\n${sighting.sessionId}`)));
    this.#recorded.set(realm, new Set(sightings.map((sighting) => `${sighting.userId}\n${sighting.sessionId}`)));
  }

  /** The realm's operator ends, with the trail records appended since the last call read (503 when the trail cannot be read). */
  async #operatorEnds(realm: string): Promise<OperatorEnds> {
    let read = this.#ends.get(realm);
    if (!read) {
      read = { ends: new OperatorEnds(), lastSeq: new Map() };
      this.#ends.set(realm, read);
    }
    for (const action of OPERATOR_ENDING_ACTIONS) {
      const last = read.lastSeq.get(action);
      for await (const record of this.#trail.stream({ realm, action, ...(last ? { from: last.at } : {}) })) {
        if (last && record.seq <= last.seq) continue;
        read.ends.add(record);
        read.lastSeq.set(action, { seq: record.seq, at: record.at });
      }
    }
    return read.ends;
  }
}
