import { RedisStore } from 'connect-redis';
import { createClient, type RedisClientType } from 'redis';
import { RedisStore as RedisRateLimitStore, type RedisReply } from 'rate-limit-redis';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { RateLimitStoreFactory } from '../http/rate-limits.js';
import { RedisSnapshotSharing } from '../sessions/snapshot-sharing.js';
import { EndedSessionsStore, RedisEndedSessionMarks } from './ended-sessions.js';
import { RedisOperatorSessionIndex } from './operator-session-index.js';
import type { SessionStoreHandle } from './session-store.js';

/** Rate-limit counters in Redis, shared by every instance using it. */
function redisRateLimitStores(client: RedisClientType): RateLimitStoreFactory {
  return (name) =>
    new RedisRateLimitStore({
      prefix: `session-desk:rate-limit:${name}:`,
      sendCommand: (...args: string[]) => client.sendCommand(args) as Promise<RedisReply>,
    });
}

/**
 * Operator sessions, the operator-session index, rate-limit counters and snapshot sharing in the
 * Redis at `redisUrl`. Waits at most 5 s for the first connection, then goes on and keeps retrying
 * (requests needing Redis fail fast meanwhile: no offline queue).
 */
export async function createRedisSessionStore(config: Config, redisUrl: string, logger: Logger): Promise<SessionStoreHandle> {
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
  const sessions = new RedisStore({ client, prefix: 'session-desk:sess:', ttl: Math.ceil(config.session.idleMs / 1000) });
  return {
    kind: 'redis',
    store: new EndedSessionsStore(sessions, new RedisEndedSessionMarks(client as RedisClientType), config.session.idleMs),
    operatorSessions: new RedisOperatorSessionIndex(client as RedisClientType),
    rateLimitStores: redisRateLimitStores(client as RedisClientType),
    snapshotSharing: new RedisSnapshotSharing(client as RedisClientType),
    close: async () => {
      if (client.isOpen) await client.quit().catch(() => undefined);
    },
  };
}
