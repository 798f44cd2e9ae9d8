import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { concernSettingsSchema, type ConcernSettings } from '@session-desk/contracts';
import type { Env } from './env.js';

export interface Config {
  env: Env['NODE_ENV'];
  host: string;
  port: number;
  publicUrl: URL;
  /** Cookies get `Secure` and the `__Host-` prefix when the console is served over HTTPS. */
  secureCookies: boolean;
  /**
   * Express `trust proxy`: true (every proxy), a hop count, or addresses/subnets/range names;
   * undefined when no proxy is trusted (unset, `false` or `0`).
   */
  trustProxy: true | number | string[] | undefined;
  logLevel: Env['LOG_LEVEL'];
  /** Prometheus metrics on 127.0.0.1 only; 0 turns them off. */
  metricsPort: number;
  /** V8's old-generation growth after each full GC, in percent of the live heap; 0 keeps V8's own heuristic (see observability/heap-growth.ts). */
  heapGrowingPercent: number;
  keycloak: {
    /** Where the BFF reaches Keycloak (the back channel). */
    url: string;
    /** Where browsers reach Keycloak; the issuer's origin. Defaults to `url`. */
    publicUrl: string;
    realm: string;
    issuer: string;
    managedRealms: string[];
    timeoutMs: number;
    /** How long /readyz and GET /api/admin/health wait for Keycloak before answering not ready. */
    readinessTimeoutMs: number;
    maxConcurrency: number;
    maxQueue: number;
    snapshotTtlMs: number;
  };
  oidc: { clientId: string; clientSecret: string; redirectUri: string; postLogoutRedirectUri: string };
  service: { clientId: string; clientSecret: string };
  session: {
    cookieName: string;
    secret: string;
    idleMs: number;
    absoluteMs: number;
    redisUrl: string | undefined;
  };
  bulk: {
    concurrency: number;
    helpdeskLimit: number;
    /** A running job whose instance wrote no checkpoint for this long is taken as interrupted. */
    staleMs: number;
  };
  databaseUrl: string | undefined;
  dataDir: string;
  auditSqliteSynchronous: 'NORMAL' | 'FULL';
  web: { serve: boolean; distDir: string };
  bodyLimitBytes: number;
  jobBodyLimitBytes: number;
  /** How often (at most) an operator's tokens are refreshed with Keycloak to re-read their roles and status. */
  operatorRecheckMs: number;
  /** An unknown session id rebuilds a realm's snapshot at most once in this interval, whoever asks. */
  snapshotMinRebuildMs: number;
  /** How long a realm's first list waits for its first snapshot before answering 503 snapshot_building. */
  snapshotFirstWaitMs: number;
  /** The largest share of the time (0 < share ≤ 1) snapshot rebuilds of one realm may take: the interval stretches with the build time. */
  snapshotMaxRebuildShare: number;
  /** Country and network per session from the IP databases shipped as npm packages (geo/); file overrides for newer data. */
  ipLocation: { enabled: boolean; countryDb: string | undefined; networkDir: string | undefined };
  /** The concern rules' settings of a realm until an admin saves its own (CONCERN_DEFAULTS, else the contract's defaults). */
  concernDefaults: ConcernSettings;
  /** express-rate-limit windows and limits; shared through Redis when REDIS_URL is set. */
  rateLimits: {
    signInPerMinute: number;
    anonymousPerMinute: number;
    actionsPerMinute: number;
    refusedPerMinute: number;
    jobsPerHour: number;
    backchannelFailuresPerMinute: number;
  };
}

const here = path.dirname(fileURLToPath(import.meta.url));

export function buildConfig(env: Env): Config {
  const publicUrl = new URL(env.PUBLIC_URL ?? `http://localhost:${env.PORT}`);
  const secureCookies = publicUrl.protocol === 'https:';
  const keycloakUrl = env.KEYCLOAK_URL.replace(/\/+$/, '');
  const keycloakPublicUrl = (env.KEYCLOAK_PUBLIC_URL ?? env.KEYCLOAK_URL).replace(/\/+$/, '');
  const managedRealms = env.MANAGED_REALMS?.length ? env.MANAGED_REALMS : [env.KEYCLOAK_REALM];
  return {
    env: env.NODE_ENV,
    host: env.HOST,
    port: env.PORT,
    publicUrl,
    secureCookies,
    trustProxy: env.TRUST_PROXY === false || env.TRUST_PROXY === 0 ? undefined : env.TRUST_PROXY,
    logLevel: env.LOG_LEVEL,
    metricsPort: env.METRICS_PORT,
    heapGrowingPercent: env.HEAP_GROWING_PERCENT,
    keycloak: {
      url: keycloakUrl,
      publicUrl: keycloakPublicUrl,
      realm: env.KEYCLOAK_REALM,
      issuer: `${keycloakPublicUrl}/realms/${encodeURIComponent(env.KEYCLOAK_REALM)}`,
      managedRealms,
      timeoutMs: env.KEYCLOAK_TIMEOUT_MS,
      readinessTimeoutMs: env.READINESS_TIMEOUT_MS,
      maxConcurrency: env.KEYCLOAK_MAX_CONCURRENCY,
      maxQueue: env.KEYCLOAK_MAX_QUEUE,
      snapshotTtlMs: env.SNAPSHOT_TTL_SECONDS * 1000,
    },
    oidc: {
      clientId: env.OIDC_CLIENT_ID,
      clientSecret: env.OIDC_CLIENT_SECRET,
      redirectUri: new URL('/auth/callback', publicUrl).href,
      postLogoutRedirectUri: new URL('/signed-out', publicUrl).href,
    },
    service: { clientId: env.SERVICE_CLIENT_ID, clientSecret: env.SERVICE_CLIENT_SECRET },
    session: {
      cookieName: secureCookies ? '__Host-sd.sid' : 'sd.sid',
      // Without a configured secret (development only) sessions do not survive a restart.
      secret: env.SESSION_SECRET ?? randomBytes(32).toString('hex'),
      idleMs: env.SESSION_IDLE_MINUTES * 60_000,
      absoluteMs: Math.round(env.SESSION_ABSOLUTE_HOURS * 3_600_000),
      redisUrl: env.REDIS_URL,
    },
    bulk: { concurrency: env.BULK_CONCURRENCY, helpdeskLimit: env.HELPDESK_BULK_LIMIT, staleMs: env.JOB_STALE_SECONDS * 1000 },
    databaseUrl: env.DATABASE_URL,
    auditSqliteSynchronous: env.AUDIT_SQLITE_SYNCHRONOUS,
    dataDir: path.resolve(env.DATA_DIR ?? path.join(here, '..', '.data')),
    web: {
      serve: env.SERVE_SPA,
      distDir: path.resolve(env.WEB_DIST_DIR ?? path.join(here, '..', '..', 'web', 'dist')),
    },
    bodyLimitBytes: env.BODY_LIMIT_BYTES,
    jobBodyLimitBytes: env.JOB_BODY_LIMIT_BYTES,
    operatorRecheckMs: env.OPERATOR_RECHECK_SECONDS * 1000,
    snapshotMinRebuildMs: env.SNAPSHOT_MIN_REBUILD_SECONDS * 1000,
    snapshotFirstWaitMs: env.SNAPSHOT_FIRST_WAIT_SECONDS * 1000,
    snapshotMaxRebuildShare: env.SNAPSHOT_MAX_REBUILD_PERCENT / 100,
    ipLocation: { enabled: env.IP_LOCATION === 'on', countryDb: env.IP_LOCATION_COUNTRY_DB, networkDir: env.IP_LOCATION_NETWORK_DIR },
    concernDefaults: env.CONCERN_DEFAULTS ?? concernSettingsSchema.parse({}),
    rateLimits: {
      signInPerMinute: env.RATE_LIMIT_SIGN_IN_PER_MINUTE,
      anonymousPerMinute: env.RATE_LIMIT_ANONYMOUS_PER_MINUTE,
      actionsPerMinute: env.RATE_LIMIT_ACTIONS_PER_MINUTE,
      refusedPerMinute: env.RATE_LIMIT_REFUSED_PER_MINUTE,
      jobsPerHour: env.RATE_LIMIT_JOBS_PER_HOUR,
      backchannelFailuresPerMinute: env.RATE_LIMIT_BACKCHANNEL_FAILURES_PER_MINUTE,
    },
  };
}
