import { RedisStore } from 'connect-redis';
import type session from 'express-session';
import { createClient, type RedisClientType } from 'redis';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { MemorySessionStore } from './memory-session-store.js';
import { MemoryOperatorSessionIndex, RedisOperatorSessionIndex, type OperatorSessionIndex } from './operator-session-index.js';
import { memoryRateLimitStores, redisRateLimitStores, type RateLimitStoreFactory } from '../http/rate-limits.js';
import { RedisSnapshotSharing, soloSnapshotSharing, type SnapshotSharing } from '../sessions/snapshot-sharing.js';

export interface SessionStoreHandle {
  kind: 'memory' | 'redis';
  store: session.Store;
  /** Console sessions by Keycloak `sid`/`sub`, kept beside the sessions (for back-channel logout). */
  operatorSessions: OperatorSessionIndex;
  /** Rate-limit counters beside the sessions, so instances sharing Redis share the limits. */
  rateLimitStores: RateLimitStoreFactory;
  /** Who rebuilds a realm's snapshot, so instances sharing Redis do not each rebuild it. */
  snapshotSharing: SnapshotSharing;
  close(): Promise<void>;
}

/** Operator sessions live in memory by default, in Redis when REDIS_URL is set. */
export async function createSessionStore(config: Config, logger: Logger): Promise<SessionStoreHandle> {
  const redisUrl = config.session.redisUrl;
  if (!redisUrl) {
    const store = new MemorySessionStore(config.session.idleMs);
    return {
      kind: 'memory',
      store,
      operatorSessions: new MemoryOperatorSessionIndex(),
      rateLimitStores: memoryRateLimitStores,
      snapshotSharing: soloSnapshotSharing,
      close: async () => store.close(),
    };
  }
  const client = createClient({
    url: redisUrl,
    // Fail fast while Redis is away instead of queueing commands behind a request that then hangs.
    disableOfflineQueue: true,
    socket: { connectTimeout: 5_000, reconnectStrategy: (retries: number) => Math.min(250 * (retries + 1), 5_000) },
  });
  client.on('error', (err: unknown) => logger.warn({ err }, 'redis session store error'));
  await Promise.race([
    client.connect().catch((err: unknown) => logger.warn({ err }, 'redis not reachable yet; will keep retrying')),
    new Promise((resolve) => setTimeout(resolve, 5_000).unref()),
  ]);
  const store = new RedisStore({ client, prefix: 'session-desk:sess:', ttl: Math.ceil(config.session.idleMs / 1000) });
  return {
    kind: 'redis',
    store,
    operatorSessions: new RedisOperatorSessionIndex(client as RedisClientType),
    rateLimitStores: redisRateLimitStores(client as RedisClientType),
    snapshotSharing: new RedisSnapshotSharing(client as RedisClientType),
    close: async () => {
      if (client.isOpen) await client.quit().catch(() => undefined);
    },
  };
}
