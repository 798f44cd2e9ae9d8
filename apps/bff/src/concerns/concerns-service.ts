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
  type SnapshotInfo,
} from '@session-desk/contracts';
import type { ActionContext } from '../actions/action-context.js';
import { FeatureService } from '../actions/action-runner.js';
import type { AuditIntent } from '../audit/audit-trail.js';
import { HttpError, serviceUnavailable } from '../http/errors.js';
import { countByRule, countrySightings, evaluateConcerns, type CountrySighting } from './concern-rules.js';
import type { ConcernStore, StoredConcernSettings } from './concern-store.js';

export interface ConcernsOptions {
  store: ConcernStore;
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

const sightingKey = (sighting: CountrySighting) => `${sighting.userId}\n${sighting.country}`;

/** Everything a snapshot can hold: the rules read the whole realm, not a page of it. */
const WHOLE_REALM = { first: 0, max: Number.MAX_SAFE_INTEGER, sort: 'lastAccess:desc' } as const;

/**
 * Sessions of concern in a managed realm: the rules of concern-rules.ts over the realm's current
 * snapshot (the rows of the Sessions list) and the users' seen countries, with per-realm settings.
 * Reading feeds the seen-countries history with the snapshot's countries first. Changing the
 * settings goes through the action runner (authorize → run inside the audit trail). Ending flagged
 * sessions is not here: the page uses the sessions and bulk routes.
 */
export class ConcernsService extends FeatureService {
  readonly #store: ConcernStore;
  readonly #defaults: ConcernSettings;
  readonly #reuseMs: number;
  readonly #now: () => number;
  readonly #evaluations = new Map<string, Evaluation>();
  /** Sightings this instance already wrote, by realm: `user\ncountry` → first seen (saves rewriting them each time). */
  readonly #recorded = new Map<string, Map<string, number>>();

  constructor(deps: ConstructorParameters<typeof FeatureService>[0], options: ConcernsOptions) {
    super(deps);
    this.#store = options.store;
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
    const fresh = this.#unrecorded(realm, countrySightings(rows));
    await storeCall(() => this.#store.recordCountries(realm, fresh));
    this.#markRecorded(realm, fresh);
    const history = await storeCall(() => this.#store.countryHistory(realm));
    const evaluation: Evaluation = { items: evaluateConcerns({ rows, history, settings, now }), settings, snapshot, evaluatedAt: now, key };
    this.#evaluations.set(realm, evaluation);
    return evaluation;
  }

  /** The sightings this instance has not written yet (or has written with a later first sighting). */
  #unrecorded(realm: string, sightings: CountrySighting[]): CountrySighting[] {
    const recorded = this.#recorded.get(realm);
    return sightings.filter((sighting) => {
      const known = recorded?.get(sightingKey(sighting));
      return known === undefined || sighting.firstSeen < known;
    });
  }

  #markRecorded(realm: string, sightings: CountrySighting[]): void {
    let recorded = this.#recorded.get(realm);
    if (!recorded) {
      recorded = new Map();
      this.#recorded.set(realm, recorded);
    }
    for (const sighting of sightings) recorded.set(sightingKey(sighting), sighting.firstSeen);
  }
}
