import { describe, expect, it } from 'vitest';
import { buildConfig } from './config.js';
import { EnvError, parseEnv } from './env.js';

describe('parseEnv', () => {
  it('needs nothing for the embedded default', () => {
    const env = parseEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.KEYCLOAK_URL).toBe('http://localhost:8080');
    expect(env.KEYCLOAK_REALM).toBe('demo');
    expect(env.REDIS_URL).toBeUndefined();
  });

  it('names the variable that is wrong', () => {
    expect(() => parseEnv({ PORT: 'eighty' })).toThrow(EnvError);
    expect(() => parseEnv({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => parseEnv({ KEYCLOAK_URL: 'not a url' })).toThrow(/KEYCLOAK_URL/);
    expect(() => parseEnv({ KEYCLOAK_REALM: '../master' })).toThrow(/KEYCLOAK_REALM/);
    expect(() => parseEnv({ KEYCLOAK_TIMEOUT_MS: '5' })).toThrow(/KEYCLOAK_TIMEOUT_MS/);
  });

  it('reads CONCERN_DEFAULTS as the concern settings JSON (left-out rules at the contract defaults), naming it when wrong', () => {
    expect(buildConfig(parseEnv({})).concernDefaults['old-session']).toEqual({ enabled: true, maxAgeMinutes: 10_080 });
    const demo = buildConfig(parseEnv({ CONCERN_DEFAULTS: '{"old-session":{"maxAgeMinutes":5}}' })).concernDefaults;
    expect(demo['old-session']).toEqual({ enabled: true, maxAgeMinutes: 5 });
    expect(demo['too-many-sessions']).toEqual({ enabled: true, maxSessions: 5 });
    expect(() => parseEnv({ CONCERN_DEFAULTS: '{"old-session":' })).toThrow(/CONCERN_DEFAULTS: must be JSON/);
    expect(() => parseEnv({ CONCERN_DEFAULTS: '{"old-session":{"maxAgeMinutes":0}}' })).toThrow(/CONCERN_DEFAULTS/);
  });

  it('requires a session secret in production', () => {
    expect(() => parseEnv({ NODE_ENV: 'production', PUBLIC_URL: 'https://desk.example.com' })).toThrow(/SESSION_SECRET/);
    expect(parseEnv({ NODE_ENV: 'production', PUBLIC_URL: 'https://desk.example.com', SESSION_SECRET: 'x'.repeat(32) }).SESSION_SECRET).toHaveLength(32);
  });

  it('refuses a non-HTTPS PUBLIC_URL in production unless ALLOW_INSECURE_PUBLIC_URL says so', () => {
    const production = { NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(32) };
    expect(() => parseEnv({ ...production, PUBLIC_URL: 'http://desk.example.com' })).toThrow(/PUBLIC_URL: must be an https:\/\/ URL/);
    expect(() => parseEnv(production)).toThrow(/PUBLIC_URL: .*unset, so http:\/\/localhost:3000/);
    expect(parseEnv({ ...production, PUBLIC_URL: 'https://desk.example.com' }).PUBLIC_URL).toBe('https://desk.example.com');
    expect(parseEnv({ ...production, PUBLIC_URL: 'http://desk.internal', ALLOW_INSECURE_PUBLIC_URL: 'true' }).ALLOW_INSECURE_PUBLIC_URL).toBe(true);
    // Development and tests keep plain HTTP on localhost.
    expect(parseEnv({ PUBLIC_URL: 'http://localhost:3100' }).PUBLIC_URL).toBe('http://localhost:3100');
  });

  it('treats empty values as unset', () => {
    expect(parseEnv({ REDIS_URL: '' }).REDIS_URL).toBeUndefined();
  });

  it('splits the managed realms', () => {
    expect(parseEnv({ MANAGED_REALMS: 'demo, other ,' }).MANAGED_REALMS).toEqual(['demo', 'other']);
  });

  it('accepts every realm name Keycloak accepts, dots included, and refuses the rest naming the variable', () => {
    expect(parseEnv({ KEYCLOAK_REALM: 'acme.prod' }).KEYCLOAK_REALM).toBe('acme.prod');
    expect(parseEnv({ MANAGED_REALMS: 'acme.prod,demo' }).MANAGED_REALMS).toEqual(['acme.prod', 'demo']);
    expect(buildConfig(parseEnv({ KEYCLOAK_REALM: 'acme corp' })).keycloak.issuer).toBe('http://localhost:8080/realms/acme%20corp');
    expect(() => parseEnv({ MANAGED_REALMS: 'demo,..' })).toThrow(/MANAGED_REALMS/);
    expect(() => parseEnv({ MANAGED_REALMS: 'demo,a/b' })).toThrow(/MANAGED_REALMS/);
    expect(() => parseEnv({ KEYCLOAK_REALM: '.' })).toThrow(/KEYCLOAK_REALM/);
  });
});

describe('TRUST_PROXY', () => {
  const trust = (value: string) => buildConfig(parseEnv({ TRUST_PROXY: value })).trustProxy;

  it('reads true and false as booleans, not as addresses', () => {
    expect(trust('true')).toBe(true);
    expect(trust('false')).toBeUndefined();
    expect(parseEnv({ TRUST_PROXY: 'false' }).TRUST_PROXY).toBe(false);
  });

  it('reads a number as a hop count, not as the address 0.0.0.1', () => {
    expect(trust('1')).toBe(1);
    expect(trust('2')).toBe(2);
    expect(trust('0')).toBeUndefined();
  });

  it('reads a comma list of addresses, subnets and range names', () => {
    expect(trust('loopback')).toEqual(['loopback']);
    expect(trust('loopback, 10.0.0.0/8 ,fd00::/8,192.168.1.7,::1,172.16.0.0/255.240.0.0,linklocal,uniquelocal')).toEqual([
      'loopback',
      '10.0.0.0/8',
      'fd00::/8',
      '192.168.1.7',
      '::1',
      '172.16.0.0/255.240.0.0',
      'linklocal',
      'uniquelocal',
    ]);
  });

  it('is unset by default', () => {
    expect(trust('')).toBeUndefined();
    expect(parseEnv({}).TRUST_PROXY).toBeUndefined();
  });

  it.each(['yes', 'TRUE ', 'loopbak', '10.0.0.0/33', '::1/129', '10.0.0.1/8/8', '1.2.3', 'loopback,', '-1', '101', '10.0.0.0/ff00::'])(
    'stops the start on %j, naming the variable',
    (value) => {
      expect(() => parseEnv({ TRUST_PROXY: value })).toThrow(EnvError);
      expect(() => parseEnv({ TRUST_PROXY: value })).toThrow(/TRUST_PROXY/);
    },
  );
});

describe('buildConfig', () => {
  it('derives URLs and cookie settings for localhost', () => {
    const config = buildConfig(parseEnv({ PORT: '3100', KEYCLOAK_URL: 'http://localhost:8180/' }));
    expect(config.publicUrl.href).toBe('http://localhost:3100/');
    expect(config.oidc.redirectUri).toBe('http://localhost:3100/auth/callback');
    expect(config.keycloak.issuer).toBe('http://localhost:8180/realms/demo');
    expect(config.keycloak.managedRealms).toEqual(['demo']);
    expect(config.secureCookies).toBe(false);
    expect(config.session.cookieName).toBe('sd.sid');
  });

  it('uses Secure __Host- cookies over HTTPS', () => {
    const config = buildConfig(parseEnv({ PUBLIC_URL: 'https://desk.example.com' }));
    expect(config.secureCookies).toBe(true);
    expect(config.session.cookieName).toBe('__Host-sd.sid');
  });

  it('converts lifetimes to milliseconds', () => {
    const config = buildConfig(parseEnv({ SESSION_IDLE_MINUTES: '15', SESSION_ABSOLUTE_HOURS: '2' }));
    expect(config.session.idleMs).toBe(15 * 60_000);
    expect(config.session.absoluteMs).toBe(2 * 3_600_000);
  });
});
