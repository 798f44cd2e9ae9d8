export { CookieJar } from './cookie-jar.ts';
export { submitKeycloakLogin, type KeycloakLoginOutcome } from './keycloak-login.ts';
export { freePort, waitFor } from './free-port.ts';
export { PrivateRedis, redisServerPath, requireRedis } from './private-redis.ts';
export { PrivatePostgres, postgresBinaries, requirePostgresBinaries } from './private-postgres.ts';
export { DEBIAN_POSTGRES_ROOT, debianPostgresBinDirs, findExecutable, findPostgresBinaries, isCi, missingMessage, requirePrerequisite, testRun } from './prerequisites.ts';
export { FaultProxy, type ProxyMode } from './tcp-proxy.ts';
