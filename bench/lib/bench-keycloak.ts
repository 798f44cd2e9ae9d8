// The Keycloak a bench run measures: the shared demo (or test) instance on its in-memory database,
// or, with --db postgres, a PostgreSQL build of the same version on a database of its own.
import type { RunningKeycloak } from '@session-desk/keycloak-local';
import { ensureKeycloak, startPostgresKeycloak, stopKeycloak } from '@session-desk/keycloak-local';
import { DB, cleanups, instance, log } from './context.ts';
import { createDatabase, freePort } from './services.ts';

/** Up to 10 min: a start on this shared 2-core machine under load has taken more than the default 3. */
const START_TIMEOUT_MS = 600_000;

/**
 * Starts (or reuses) the run's Keycloak and registers its stop (and the database's drop) as cleanups.
 * PostgreSQL: `sd_kc_bench_<random>` on postgres://postgres@127.0.0.1:5432 (or a private server when
 * that is not reachable), Keycloak on two free ports, stopped before the database is dropped.
 */
export async function benchKeycloak(): Promise<RunningKeycloak> {
  if (DB === 'dev-mem') {
    const kc = await ensureKeycloak(instance, { log: (line) => log(`keycloak: ${line}`), timeoutMs: START_TIMEOUT_MS });
    if (kc.startedNow) cleanups.push({ what: `stop the ${instance} Keycloak`, run: () => stopKeycloak(instance) });
    return kc;
  }
  const database = await createDatabase((line) => log(line), 'sd_kc_bench');
  cleanups.push({ what: `drop ${database.label}`, run: database.stop });
  log(`Keycloak's database: ${database.label}`);
  const url = new URL(database.url);
  const [httpPort, managementPort] = [await freePort(), await freePort()];
  const kc = await startPostgresKeycloak({
    jdbcUrl: `jdbc:postgresql://${url.hostname}:${url.port || '5432'}${url.pathname}`,
    username: decodeURIComponent(url.username) || 'postgres',
    // The machine's server trusts local connections; the driver still wants a password to send.
    password: decodeURIComponent(url.password) || 'postgres',
    httpPort,
    managementPort,
    log: (line) => log(`keycloak: ${line}`),
    timeoutMs: START_TIMEOUT_MS,
  });
  cleanups.push({ what: 'stop the PostgreSQL Keycloak', run: kc.stop });
  return { name: 'demo', url: kc.url, managementUrl: kc.managementUrl, logFile: kc.logFile, pid: kc.pid, startedNow: true, startSeconds: kc.startSeconds };
}
