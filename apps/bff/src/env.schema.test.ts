import { afterEach, describe, expect, it, vi } from 'vitest';
import { EnvError, parseEnv, readDoctorAdminEnv, readEnv } from './env.js';

/** What each variable is when unset: the embedded demo needs none of them. */
const DEFAULTS = {
  NODE_ENV: 'development',
  HOST: '127.0.0.1',
  PORT: 3000,
  METRICS_PORT: 9464,
  HEAP_GROWING_PERCENT: 25,
  LOG_LEVEL: 'info',
  KEYCLOAK_URL: 'http://localhost:8080',
  KEYCLOAK_REALM: 'demo',
  OIDC_CLIENT_ID: 'session-desk',
  OIDC_CLIENT_SECRET: 'session-desk-demo-secret',
  SERVICE_CLIENT_ID: 'session-desk-service',
  SERVICE_CLIENT_SECRET: 'session-desk-service-demo-secret',
  KEYCLOAK_TIMEOUT_MS: 10_000,
  READINESS_TIMEOUT_MS: 3_000,
  KEYCLOAK_MAX_CONCURRENCY: 16,
  KEYCLOAK_MAX_QUEUE: 200,
  BULK_CONCURRENCY: 8,
  HELPDESK_BULK_LIMIT: 50,
  JOB_STALE_SECONDS: 15,
  SNAPSHOT_TTL_SECONDS: 10,
  SESSION_IDLE_MINUTES: 30,
  SESSION_ABSOLUTE_HOURS: 8,
  AUDIT_SQLITE_SYNCHRONOUS: 'NORMAL',
  SERVE_SPA: true,
  BODY_LIMIT_BYTES: 16_384,
  JOB_BODY_LIMIT_BYTES: 655_360,
  OPERATOR_RECHECK_SECONDS: 60,
  SNAPSHOT_MIN_REBUILD_SECONDS: 5,
  SNAPSHOT_FIRST_WAIT_SECONDS: 20,
  SNAPSHOT_MAX_REBUILD_PERCENT: 10,
  RATE_LIMIT_SIGN_IN_PER_MINUTE: 20,
  RATE_LIMIT_ANONYMOUS_PER_MINUTE: 60,
  RATE_LIMIT_ACTIONS_PER_MINUTE: 60,
  RATE_LIMIT_REFUSED_PER_MINUTE: 10,
  RATE_LIMIT_JOBS_PER_HOUR: 10,
  RATE_LIMIT_BACKCHANNEL_FAILURES_PER_MINUTE: 30,
  ALLOW_INSECURE_PUBLIC_URL: false,
  IP_LOCATION: 'on',
};

/** The numeric variables with their inclusive bounds, as the README's configuration table gives them. */
const NUMBERS: Array<[name: string, min: number, max: number, step: number]> = [
  ['PORT', 1, 65_535, 1],
  ['METRICS_PORT', 0, 65_535, 1],
  ['HEAP_GROWING_PERCENT', 0, 400, 1],
  ['KEYCLOAK_TIMEOUT_MS', 100, 120_000, 1],
  ['READINESS_TIMEOUT_MS', 100, 120_000, 1],
  ['KEYCLOAK_MAX_CONCURRENCY', 1, 256, 1],
  ['KEYCLOAK_MAX_QUEUE', 0, 10_000, 1],
  ['BULK_CONCURRENCY', 1, 64, 1],
  ['HELPDESK_BULK_LIMIT', 1, 10_000, 1],
  ['JOB_STALE_SECONDS', 1, 3600, 1],
  ['SNAPSHOT_TTL_SECONDS', 0, 3600, 0.5],
  ['SESSION_IDLE_MINUTES', 1, 24 * 60, 1],
  ['SESSION_ABSOLUTE_HOURS', 0.05, 24 * 7, 0.01],
  ['BODY_LIMIT_BYTES', 1024, 1_048_576, 1],
  ['JOB_BODY_LIMIT_BYTES', 1024, 8_388_608, 1],
  ['OPERATOR_RECHECK_SECONDS', 1, 3600, 1],
  ['SNAPSHOT_MIN_REBUILD_SECONDS', 0, 3600, 0.5],
  ['SNAPSHOT_FIRST_WAIT_SECONDS', 1, 600, 1],
  ['RATE_LIMIT_SIGN_IN_PER_MINUTE', 1, 100_000, 1],
  ['RATE_LIMIT_ANONYMOUS_PER_MINUTE', 1, 100_000, 1],
  ['RATE_LIMIT_ACTIONS_PER_MINUTE', 1, 100_000, 1],
  ['RATE_LIMIT_REFUSED_PER_MINUTE', 1, 100_000, 1],
  ['RATE_LIMIT_JOBS_PER_HOUR', 1, 100_000, 1],
  ['RATE_LIMIT_BACKCHANNEL_FAILURES_PER_MINUTE', 1, 100_000, 1],
];

const read = (name: string, value: string): unknown => (parseEnv({ [name]: value }) as Record<string, unknown>)[name];
const refused = (name: string, value: string) => expect(() => parseEnv({ [name]: value }), `${name}=${value}`).toThrow(new RegExp(`^Invalid configuration:\\n  ${name}: `));
const secret = 's'.repeat(32);

describe('parseEnv: every variable', () => {
  it('has the documented default when unset, and nothing else', () => {
    expect(parseEnv({})).toStrictEqual(DEFAULTS);
  });

  it.each(NUMBERS)('%s accepts %d to %d and refuses a value just outside', (name, min, max, step) => {
    expect(read(name, String(min))).toBe(min);
    expect(read(name, String(max))).toBe(max);
    refused(name, String(Number((min - step).toFixed(2))));
    refused(name, String(max + step));
    refused(name, 'many');
    if (step === 1) refused(name, `${min}.5`);
    else {
      const inside = Number((min + step).toFixed(2));
      expect(read(name, String(inside))).toBe(inside);
    }
  });

  it.each(['HOST', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'SERVICE_CLIENT_ID', 'SERVICE_CLIENT_SECRET', 'DATABASE_URL', 'DATA_DIR', 'WEB_DIST_DIR', 'IP_LOCATION_COUNTRY_DB', 'IP_LOCATION_NETWORK_DIR'])(
    '%s keeps the value as given',
    (name) => {
      expect(read(name, 'a longer value')).toBe('a longer value');
      expect(read(name, 'x')).toBe('x');
    },
  );

  it.each(['PUBLIC_URL', 'KEYCLOAK_URL', 'KEYCLOAK_PUBLIC_URL', 'REDIS_URL'])('%s accepts a URL and refuses anything else', (name) => {
    expect(read(name, 'http://host.example:1234/path')).toBe('http://host.example:1234/path');
    refused(name, 'host.example');
  });

  it('SNAPSHOT_MAX_REBUILD_PERCENT is above 0, at most 100', () => {
    expect(read('SNAPSHOT_MAX_REBUILD_PERCENT', '0.5')).toBe(0.5);
    expect(read('SNAPSHOT_MAX_REBUILD_PERCENT', '100')).toBe(100);
    refused('SNAPSHOT_MAX_REBUILD_PERCENT', '0');
    refused('SNAPSHOT_MAX_REBUILD_PERCENT', '100.5');
  });

  it('SESSION_SECRET needs at least 32 characters', () => {
    expect(read('SESSION_SECRET', secret)).toBe(secret);
    expect(read('SESSION_SECRET', `${secret}more`)).toBe(`${secret}more`);
    refused('SESSION_SECRET', secret.slice(1));
  });

  it('NODE_ENV is development, test or production', () => {
    expect(read('NODE_ENV', 'test')).toBe('test');
    expect(read('NODE_ENV', 'development')).toBe('development');
    expect(parseEnv({ NODE_ENV: 'production', SESSION_SECRET: secret, PUBLIC_URL: 'https://desk.example' }).NODE_ENV).toBe('production');
    refused('NODE_ENV', 'staging');
  });

  it.each(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])('LOG_LEVEL accepts %s', (level) => {
    expect(read('LOG_LEVEL', level)).toBe(level);
  });

  it('LOG_LEVEL refuses a level pino does not have', () => {
    refused('LOG_LEVEL', 'verbose');
  });

  it('IP_LOCATION is on or off', () => {
    expect(read('IP_LOCATION', 'off')).toBe('off');
    expect(read('IP_LOCATION', 'on')).toBe('on');
    refused('IP_LOCATION', 'true');
  });

  it('AUDIT_SQLITE_SYNCHRONOUS is NORMAL or FULL, never OFF', () => {
    expect(read('AUDIT_SQLITE_SYNCHRONOUS', 'FULL')).toBe('FULL');
    expect(read('AUDIT_SQLITE_SYNCHRONOUS', 'NORMAL')).toBe('NORMAL');
    refused('AUDIT_SQLITE_SYNCHRONOUS', 'OFF');
  });

  it.each(['SERVE_SPA', 'ALLOW_INSECURE_PUBLIC_URL'])('%s reads true/1 and false/0, and refuses anything else', (name) => {
    expect(read(name, 'true')).toBe(true);
    expect(read(name, '1')).toBe(true);
    expect(read(name, 'false')).toBe(false);
    expect(read(name, '0')).toBe(false);
    refused(name, 'yes');
  });
});

describe('parseEnv: the error', () => {
  it('is an EnvError listing every wrong variable, one a line, under one heading', () => {
    let thrown: unknown;
    try {
      parseEnv({ PORT: '0', LOG_LEVEL: 'loud' });
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(EnvError);
    expect((thrown as Error).name).toBe('EnvError');
    expect((thrown as Error).message).toMatch(/^Invalid configuration:\n {2}PORT: [^\n]+\n {2}LOG_LEVEL: [^\n]+$/);
  });

  it('says what production needs', () => {
    expect(() => parseEnv({ NODE_ENV: 'production', PUBLIC_URL: 'https://desk.example' })).toThrow(
      new EnvError('Invalid configuration:\n  SESSION_SECRET: is required in production (at least 32 characters)'),
    );
    expect(() => parseEnv({ NODE_ENV: 'production', SESSION_SECRET: secret, PUBLIC_URL: 'http://desk.example' })).toThrow(
      new EnvError(
        'Invalid configuration:\n  PUBLIC_URL: must be an https:// URL in production (it is http://desk.example); set ALLOW_INSECURE_PUBLIC_URL=true to run over plain HTTP on purpose',
      ),
    );
    expect(() => parseEnv({ NODE_ENV: 'production', SESSION_SECRET: secret, PORT: '3200' })).toThrow(/PUBLIC_URL: must be an https:\/\/ URL in production \(it is unset, so http:\/\/localhost:3200\)/);
  });

  it('names every TRUST_PROXY entry that is wrong, and only those', () => {
    expect(() => parseEnv({ TRUST_PROXY: 'loopback, loopbak ,10.0.0.0/33' })).toThrow(
      new EnvError(
        'Invalid configuration:\n  TRUST_PROXY: must be true, false, a hop count (0-100) or a comma list of addresses, subnets or loopback/linklocal/uniquelocal; not "loopbak", "10.0.0.0/33"',
      ),
    );
  });
});

describe('TRUST_PROXY entries', () => {
  it.each([
    ['0', 0],
    ['100', 100],
    ['10.0.0.0/32', ['10.0.0.0/32']],
    ['10.0.0.0/0', ['10.0.0.0/0']],
    ['fd00::/128', ['fd00::/128']],
    ['10.0.0.0/255.0.0.0', ['10.0.0.0/255.0.0.0']],
    [' 127.0.0.1 ', ['127.0.0.1']],
    [' true ', true],
    [' 2 ', 2],
  ])('accepts %j as %j', (value, expected) => {
    expect(parseEnv({ TRUST_PROXY: value }).TRUST_PROXY).toEqual(expected);
  });

  it.each(['fd00::/ffff::', 'fd00::/255.0.0.0', '10.0.0.0/', '10.0.0.0/1234', '10.0.0.0/x', 'loopback/8', ',', '5e1', '0x10'])('refuses %j', (value) => {
    refused('TRUST_PROXY', value);
  });
});

describe('readEnv', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('reads the process environment', () => {
    vi.stubEnv('PORT', '4321');
    vi.stubEnv('KEYCLOAK_REALM', 'acme');
    expect(readEnv()).toMatchObject({ PORT: 4321, KEYCLOAK_REALM: 'acme' });
  });
});

describe('readDoctorAdminEnv', () => {
  it('reads the optional admin credentials, trimmed, with master as the default realm', () => {
    expect(
      readDoctorAdminEnv({
        KEYCLOAK_ADMIN_USERNAME: ' admin ',
        KEYCLOAK_ADMIN_PASSWORD: 'pw',
        KEYCLOAK_ADMIN_REALM: 'ops',
        KEYCLOAK_ADMIN_CLIENT_ID: 'cli',
        KEYCLOAK_ADMIN_CLIENT_SECRET: 'sec',
      }),
    ).toStrictEqual({ username: 'admin', password: 'pw', realm: 'ops', clientId: 'cli', clientSecret: 'sec' });
  });

  it('treats blank values as unset', () => {
    expect(readDoctorAdminEnv({ KEYCLOAK_ADMIN_USERNAME: '  ', KEYCLOAK_ADMIN_REALM: '' })).toStrictEqual({
      username: undefined,
      password: undefined,
      realm: 'master',
      clientId: undefined,
      clientSecret: undefined,
    });
  });
});
