import { createServer } from 'node:http';
import { createApp } from './app.js';
import { buildConfig } from './config.js';
import { EnvError, readEnv } from './env.js';
import { createSessionStore } from './auth/session-store.js';
import { composeServices } from './compose.js';
import { logActionRecorder } from './sessions/log-action-recorder.js';
import { createLogger } from './logger.js';

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
  const logger = createLogger(config);
  const services = composeServices(config, logger, logActionRecorder(logger));
  const sessions = await createSessionStore(config, logger);
  const app = createApp({ config, logger, ...services, sessionStore: sessions.store });

  const server = createServer(app);
  server.requestTimeout = config.keycloak.timeoutMs * 3;
  server.listen(config.port, config.host, () => {
    logger.info(
      { url: config.publicUrl.href, keycloak: config.keycloak.issuer, sessionStore: sessions.kind, serveSpa: config.web.serve },
      'Session Desk BFF listening',
    );
  });

  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    server.close(() => {
      void sessions.close().finally(() => process.exit(0));
    });
    setTimeout(() => process.exit(0), 5_000).unref();
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

void main();
