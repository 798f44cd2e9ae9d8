import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { gunzip, gzip, constants } from 'node:zlib';
import type { RedisClientType } from 'redis';
import type { SessionRow } from '@session-desk/contracts';

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

/** A realm snapshot as instances hand it to each other: its rows and searched names, with its times (epoch ms). */
export interface SharedSnapshot {
  startedAt: number;
  builtAt: number;
  buildMs: number;
  rows: SessionRow[];
  names: Array<[userId: string, fullName: string]>;
  /** The not-befores the builder knew for users with offline sessions (epoch s, 0: none); absent from older instances. */
  userNotBefores?: Array<[userId: string, notBefore: number]>;
}

/**
 * How instances sharing a store agree on who rebuilds a realm's snapshot: one takes the realm's
 * build lease, builds and publishes; the others load what it published instead of asking Keycloak.
 */
export interface SnapshotSharing {
  /** When the newest published build of the realm started (epoch ms), or undefined when none is. */
  publishedStartedAt(realm: string): Promise<number | undefined>;
  /** The newest published build of the realm, or undefined when none is. */
  load(realm: string): Promise<SharedSnapshot | undefined>;
  /** Takes the realm's build lease for `leaseMs`: its release, or undefined while another instance holds it. */
  lease(realm: string, leaseMs: number): Promise<(() => Promise<void>) | undefined>;
  /** Publishes a build for the other instances, kept for `keepMs`. */
  publish(realm: string, snapshot: SharedSnapshot, keepMs: number): Promise<void>;
}

/** One instance alone (no shared store): it always holds the lease and nothing is published. */
export const soloSnapshotSharing: SnapshotSharing = {
  publishedStartedAt: async () => undefined,
  load: async () => undefined,
  lease: async () => async () => undefined,
  publish: async () => undefined,
};

/** Deletes the lease only if this instance still holds it (it may have expired and been taken). */
const RELEASE_SCRIPT = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

/**
 * Sharing through Redis (REDIS_URL): the lease is `SET NX PX` on `…:lease` with a random token,
 * released by compare-and-delete; a build is published as gzip'd JSON (base64) in `…:data`, its
 * start time in `…:startedAt`, both written in one MULTI.
 */
export class RedisSnapshotSharing implements SnapshotSharing {
  readonly #client: RedisClientType;
  readonly #prefix: string;

  constructor(client: RedisClientType, prefix = 'session-desk:snapshot:v1:') {
    this.#client = client;
    this.#prefix = prefix;
  }

  async publishedStartedAt(realm: string): Promise<number | undefined> {
    const value = await this.#client.get(this.#key(realm, 'startedAt'));
    return value ? Number(value) : undefined;
  }

  async load(realm: string): Promise<SharedSnapshot | undefined> {
    const data = await this.#client.get(this.#key(realm, 'data'));
    if (!data) return undefined;
    return JSON.parse((await gunzipAsync(Buffer.from(data, 'base64'))).toString('utf8')) as SharedSnapshot;
  }

  async lease(realm: string, leaseMs: number): Promise<(() => Promise<void>) | undefined> {
    const key = this.#key(realm, 'lease');
    const token = randomUUID();
    if ((await this.#client.set(key, token, { NX: true, PX: Math.max(1, Math.round(leaseMs)) })) !== 'OK') return undefined;
    return async () => {
      await this.#client.eval(RELEASE_SCRIPT, { keys: [key], arguments: [token] });
    };
  }

  async publish(realm: string, snapshot: SharedSnapshot, keepMs: number): Promise<void> {
    // Level 1: a 10,000-session snapshot shrinks about tenfold in a few ms of the thread pool.
    const data = (await gzipAsync(JSON.stringify(snapshot), { level: constants.Z_BEST_SPEED })).toString('base64');
    const px = Math.max(1, Math.round(keepMs));
    await this.#client
      .multi()
      .set(this.#key(realm, 'data'), data, { PX: px })
      .set(this.#key(realm, 'startedAt'), String(snapshot.startedAt), { PX: px })
      .exec();
  }

  #key(realm: string, what: string): string {
    return `${this.#prefix}${encodeURIComponent(realm)}:${what}`;
  }
}
