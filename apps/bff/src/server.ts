import { randomUUID } from 'node:crypto';
import type { ErrorCode } from '@session-desk/contracts';
import { createServer, maxHeaderSize, STATUS_CODES } from 'node:http';
import { createApp } from './app.js';
import { buildConfig } from './config.js';
import { EnvError, readEnv } from './env.js';
import { createSessionStore } from './auth/session-store.js';
import { composeServices } from './compose.js';
import { IpLocationError } from './geo/load-ip-locator.js';
import { createAuditStore } from './audit/create-audit-store.js';
import { createLogger } from './logger.js';
import { createMetricsApp } from './observability/metrics-app.js';
import { sharedReadiness } from './health/health-routes.js';
import { setHeapGrowingPercent } from './observability/heap-growth.js';

async function main(): Promise<void> {
  let env;
  try {
    env = readEnv();
  } catch (err) {
    if (err instanceof EnvError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const config = buildConfig(env);
  setHeapGrowingPercent(config.heapGrowingPercent);
  const logger = createLogger(config);
  const auditStore = createAuditStore({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    sqliteSynchronous: config.auditSqliteSynchronous,
    onPoolError: (err) => logger.warn({ err }, 'audit database pool error'),
  });
  // A trail that cannot be opened now is retried on first use; actions refuse (503) until it works.
  await auditStore.init().catch((err: unknown) => logger.error({ err }, 'audit store not available at start'));
  const sessions = await createSessionStore(config, logger);
  let services;
  try {
    services = composeServices(config, logger, auditStore, undefined, { snapshotSharing: sessions.snapshotSharing });
  } catch (err) {
    if (err instanceof IpLocationError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  logger.info({ ipLocation: services.ipLocation }, services.ipLocation.enabled ? 'IP location databases loaded' : 'IP location is off (IP_LOCATION=off)');
  // Version differences (keycloak/server-version.ts) are keyed by the server's version, read once now.
  void services.keycloak.serverBehaviour().then((behaviour) => logger.info({ keycloakVersion: behaviour.version ?? 'unknown' }, 'Keycloak version'));
  const app = createApp({
    config,
    logger,
    ...services,
    sessionStore: sessions.store,
    operatorSessions: sessions.operatorSessions,
    rateLimitStores: sessions.rateLimitStores,
  });

  // A request without Host is refused by the app itself (400 in JSON, like every other error); Node's own check answers an empty 400.
  const server = createServer({ requireHostHeader: false }, app);
  server.requestTimeout = config.keycloak.timeoutMs * 3;
  // What Node's HTTP parser refuses never reaches Express: answer it as every other error, in JSON.
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    if (!socket.writable || err.code === 'ECONNRESET') return socket.destroy();
    const [status, code, message]: [number, ErrorCode, string] =
      err.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'headers_too_large', `The request's URL and headers are too large (over ${maxHeaderSize} bytes).`]
        : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? [408, 'request_timeout', 'The request took too long to arrive.']
          : [400, 'bad_request', 'The request is not valid HTTP.'];
    const requestId = randomUUID();
    const body = JSON.stringify({ error: code, message, requestId });
    const headers = [
      'Content-Type: application/json; charset=utf-8',
      `Content-Length: ${Buffer.byteLength(body)}`,
      'X-Content-Type-Options: nosniff',
      'Cache-Control: no-store',
      `X-Request-Id: ${requestId}`,
      'Connection: close',
    ];
    socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${headers.join('\r\n')}\r\n\r\n${body}`);
  });
  // A taken or forbidden port is a setting to change, not a crash to read a stack trace of.
  server.once('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EADDRINUSE' && err.code !== 'EACCES') throw err;
    const why = err.code === 'EADDRINUSE' ? 'is already in use (another Session Desk or program listens there)' : 'may not be opened by this user';
    console.error(`Session Desk cannot listen on ${config.host}:${config.port}: the port ${why}. Set PORT (and HOST) to a free one.`);
    process.exit(1);
  });
  server.listen(config.port, config.host, () => {
    logger.info(
      { url: config.publicUrl.href, listen: `${config.host}:${config.port}`, keycloak: config.keycloak.issuer, sessionStore: sessions.kind, jobStore: services.jobStore.kind, serveSpa: config.web.serve },
      'Session Desk BFF listening',
    );
  });
  // Jobs left running by a dead process become 'interrupted'; ones not yet stale are handled when read.
  services.jobs
    .recoverStale()
    .then((count) => {
      if (count > 0) logger.warn({ count }, 'bulk jobs of a stopped process marked interrupted');
    })
    .catch((err: unknown) => logger.error({ err }, 'could not check for interrupted bulk jobs'));

  if (config.metricsPort > 0) {
    const metrics = createServer(createMetricsApp(sharedReadiness(services.keycloak, config.keycloak.readinessTimeoutMs)));
    // A second BFF on the same machine must not fail over a taken metrics port.
    metrics.once('error', (err) => logger.warn({ err }, 'metrics port not available; /metrics is off'));
    metrics.listen(config.metricsPort, '127.0.0.1', () => logger.info({ port: config.metricsPort }, 'metrics on 127.0.0.1'));
  }

  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    // Running jobs stop taking new items now and are stored as 'interrupted' with exact outcomes.
    const jobsStopped = services.jobs.close();
    server.close(() => {
      void jobsStopped
        .finally(() => Promise.allSettled([sessions.close(), auditStore.close(), services.jobStore.close(), services.concernStore.close()]))
        .finally(() => process.exit(0));
    });
    setTimeout(() => process.exit(0), 5_000).unref();
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

void main();
