import type session from 'express-session';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { EndedSessionsStore, MemoryEndedSessionMarks } from './ended-sessions.js';
import { MemorySessionStore } from './memory-session-store.js';
import { MemoryOperatorSessionIndex, type OperatorSessionIndex } from './operator-session-index.js';
import { memoryRateLimitStores, type RateLimitStoreFactory } from '../http/rate-limits.js';
import { soloSnapshotSharing, type SnapshotSharing } from '../sessions/snapshot-sharing.js';

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

/** Operator sessions live in memory by default, in Redis when REDIS_URL is set (see redis-session-store.ts). */
export async function createSessionStore(config: Config, logger: Logger): Promise<SessionStoreHandle> {
  const redisUrl = config.session.redisUrl;
  if (!redisUrl) {
    const memory = new MemorySessionStore(config.session.idleMs);
    return {
      kind: 'memory',
      store: new EndedSessionsStore(memory, new MemoryEndedSessionMarks(), config.session.idleMs),
      operatorSessions: new MemoryOperatorSessionIndex(),
      rateLimitStores: memoryRateLimitStores,
      snapshotSharing: soloSnapshotSharing,
      close: async () => memory.close(),
    };
  }
  // Loaded only here: the Redis client is about 20 MiB of a BFF's memory that the embedded default never uses.
  const { createRedisSessionStore } = await import('./redis-session-store.js');
  return createRedisSessionStore(config, redisUrl, logger);
}
