import { isIP } from 'node:net';
import { z } from 'zod';
import { concernSettingsSchema, realmNameSchema } from '@session-desk/contracts';

/** JSON text parsed as JSON (an issue, not a throw, when it is not). */
const jsonText = z.string().transform((text, ctx) => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    ctx.addIssue({ code: 'custom', message: 'must be JSON' });
    return z.NEVER;
  }
});

const csv = z
  .string()
  .transform((value) => value.split(',').map((item) => item.trim()).filter(Boolean));

/** The names Express (proxy-addr) gives to address ranges. */
const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** Whether one TRUST_PROXY list entry is an address, a subnet (`ip/prefix` or IPv4 `ip/netmask`) or a range name. */
function isProxyAddress(entry: string): boolean {
  if (PROXY_RANGE_NAMES.has(entry)) return true;
  const [address = '', range, ...rest] = entry.split('/');
  const family = isIP(address);
  if (!family || rest.length > 0) return false;
  if (range === undefined) return true;
  if (/^\d{1,3}$/.test(range)) return Number(range) <= (family === 4 ? 32 : 128);
  return family === 4 && isIP(range) === 4;
}

/**
 * Express's `trust proxy`: `true`/`false`, a hop count (`1` trusts the nearest proxy), or a comma
 * list of addresses, subnets and the names `loopback`, `linklocal`, `uniquelocal`. Express itself
 * reads a bare string as addresses (so `1` would be the address 0.0.0.1 and `true` a crash).
 */
const trustProxy = z.string().transform((raw, ctx): boolean | number | string[] => {
  const value = raw.trim();
  if (value === 'true' || value === 'false') return value === 'true';
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops <= 100) return hops;
  }
  const entries = value.split(',').map((entry) => entry.trim());
  const wrong = entries.filter((entry) => !isProxyAddress(entry));
  if (wrong.length === 0) return entries;
  ctx.addIssue(
    `must be true, false, a hop count (0-100) or a comma list of addresses, subnets or loopback/linklocal/uniquelocal; not ${wrong.map((entry) => JSON.stringify(entry)).join(', ')}`,
  );
  return z.NEVER;
});
export type TrustProxy = z.output<typeof trustProxy>;

/**
 * Every environment variable the BFF reads, with its default. The embedded default (the demo)
 * needs none of them set. This is the only module that touches process.env.
 *
 * Built when parsed, not at import: StrykerJS then ties each rule to the tests that exercise it
 * instead of re-running every test for each one (see apps/bff/MUTATION.md). parseEnv runs once per start.
 */
function envSchema() {
  const booleanFlag = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');
  /** A whole number from `min` to `max` (inclusive), `fallback` when unset. */
  const wholeNumber = (min: number, max: number, fallback: number) => z.coerce.number().int().min(min).max(max).default(fallback);
  return z
    .object({
      NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
      HOST: z.string().min(1).default('127.0.0.1'),
      PORT: wholeNumber(1, 65535, 3000),
      PUBLIC_URL: z.url().optional(),
      TRUST_PROXY: trustProxy.optional(),
      METRICS_PORT: wholeNumber(0, 65535, 9464),
      HEAP_GROWING_PERCENT: wholeNumber(0, 400, 25),
      LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

      KEYCLOAK_URL: z.url().default('http://localhost:8080'),
      KEYCLOAK_PUBLIC_URL: z.url().optional(),
      KEYCLOAK_REALM: realmNameSchema.default('demo'),
      MANAGED_REALMS: csv.pipe(z.array(realmNameSchema)).optional(),
      OIDC_CLIENT_ID: z.string().min(1).default('session-desk'),
      OIDC_CLIENT_SECRET: z.string().min(1).default('session-desk-demo-secret'),
      SERVICE_CLIENT_ID: z.string().min(1).default('session-desk-service'),
      SERVICE_CLIENT_SECRET: z.string().min(1).default('session-desk-service-demo-secret'),
      KEYCLOAK_TIMEOUT_MS: wholeNumber(100, 120_000, 10_000),
      READINESS_TIMEOUT_MS: wholeNumber(100, 120_000, 3_000),
      KEYCLOAK_MAX_CONCURRENCY: wholeNumber(1, 256, 16),
      KEYCLOAK_MAX_QUEUE: wholeNumber(0, 10_000, 200),
      BULK_CONCURRENCY: wholeNumber(1, 64, 8),
      HELPDESK_BULK_LIMIT: wholeNumber(1, 10_000, 50),
      JOB_STALE_SECONDS: wholeNumber(1, 3600, 15),
      SNAPSHOT_TTL_SECONDS: z.coerce.number().min(0).max(3600).default(10),

      SESSION_SECRET: z.string().min(32).optional(),
      SESSION_IDLE_MINUTES: wholeNumber(1, 24 * 60, 30),
      SESSION_ABSOLUTE_HOURS: z.coerce.number().min(0.05).max(24 * 7).default(8),
      REDIS_URL: z.url().optional(),
      DATABASE_URL: z.string().min(1).optional(),
      DATA_DIR: z.string().min(1).optional(),
      AUDIT_SQLITE_SYNCHRONOUS: z.enum(['NORMAL', 'FULL']).default('NORMAL'),
      WEB_DIST_DIR: z.string().min(1).optional(),
      SERVE_SPA: booleanFlag.default(true),
      BODY_LIMIT_BYTES: wholeNumber(1024, 1_048_576, 16_384),
      JOB_BODY_LIMIT_BYTES: wholeNumber(1024, 8_388_608, 655_360),

      OPERATOR_RECHECK_SECONDS: wholeNumber(1, 3600, 60),
      SNAPSHOT_MIN_REBUILD_SECONDS: z.coerce.number().min(0).max(3600).default(5),
      SNAPSHOT_FIRST_WAIT_SECONDS: wholeNumber(1, 600, 20),
      SNAPSHOT_MAX_REBUILD_PERCENT: z.coerce.number().gt(0).max(100).default(10),
      RATE_LIMIT_SIGN_IN_PER_MINUTE: wholeNumber(1, 100_000, 20),
      RATE_LIMIT_ANONYMOUS_PER_MINUTE: wholeNumber(1, 100_000, 60),
      RATE_LIMIT_ACTIONS_PER_MINUTE: wholeNumber(1, 100_000, 60),
      RATE_LIMIT_REFUSED_PER_MINUTE: wholeNumber(1, 100_000, 10),
      RATE_LIMIT_JOBS_PER_HOUR: wholeNumber(1, 100_000, 10),
      RATE_LIMIT_BACKCHANNEL_FAILURES_PER_MINUTE: wholeNumber(1, 100_000, 30),
      ALLOW_INSECURE_PUBLIC_URL: booleanFlag.default(false),
      IP_LOCATION: z.enum(['on', 'off']).default('on'),
      IP_LOCATION_COUNTRY_DB: z.string().min(1).optional(),
      IP_LOCATION_NETWORK_DIR: z.string().min(1).optional(),
      /** The concern rules' settings of a realm no admin has saved settings for (JSON, as PUT …/concerns/settings takes them); the demo uses small thresholds. */
      CONCERN_DEFAULTS: jsonText.pipe(concernSettingsSchema).optional(),
    })
    .superRefine((env, ctx) => {
      if (env.NODE_ENV === 'production' && !env.SESSION_SECRET) {
        ctx.addIssue({
          code: 'custom',
          path: ['SESSION_SECRET'],
          message: 'is required in production (at least 32 characters)',
        });
      }
    })
    .superRefine((env, ctx) => {
      // Production serves operators' sessions: plain HTTP only when someone says so on purpose.
      if (env.NODE_ENV !== 'production' || env.ALLOW_INSECURE_PUBLIC_URL) return;
      const publicUrl = env.PUBLIC_URL ?? `http://localhost:${env.PORT}`;
      if (!publicUrl.startsWith('https://')) {
        ctx.addIssue({
          code: 'custom',
          path: ['PUBLIC_URL'],
          message: `must be an https:// URL in production (it is ${env.PUBLIC_URL ?? `unset, so ${publicUrl}`}); set ALLOW_INSECURE_PUBLIC_URL=true to run over plain HTTP on purpose`,
        });
      }
    });
}

export type Env = z.infer<ReturnType<typeof envSchema>>;

export class EnvError extends Error {
  override name = 'EnvError';
}

/** Parses the environment; a wrong or missing value throws an error naming the variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  // An empty value is unset; an undefined one already is, to zod.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ''));
  const result = envSchema().safeParse(cleaned);
  if (!result.success) {
    // Every issue has a path: each one is about a variable.
    const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new EnvError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return result.data;
}

export function readEnv(): Env {
  return parseEnv(process.env);
}

/** Optional Keycloak admin credentials `npm run doctor` may use; the BFF itself never needs them. */
export interface DoctorAdminEnv {
  username?: string;
  password?: string;
  realm: string;
  clientId?: string;
  clientSecret?: string;
}

export function readDoctorAdminEnv(source: Record<string, string | undefined> = process.env): DoctorAdminEnv {
  const value = (name: string) => source[name]?.trim() || undefined;
  return {
    username: value('KEYCLOAK_ADMIN_USERNAME'),
    password: value('KEYCLOAK_ADMIN_PASSWORD'),
    realm: value('KEYCLOAK_ADMIN_REALM') ?? 'master',
    clientId: value('KEYCLOAK_ADMIN_CLIENT_ID'),
    clientSecret: value('KEYCLOAK_ADMIN_CLIENT_SECRET'),
  };
}
