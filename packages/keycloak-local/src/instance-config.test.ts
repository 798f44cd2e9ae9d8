import { describe, expect, it } from 'vitest';
import { isInstanceName, resolveInstanceConfig } from './instance-config.ts';
import { runFiles } from './paths.ts';

describe('resolveInstanceConfig', () => {
  it('uses the documented default ports', () => {
    expect(resolveInstanceConfig('demo', {})).toEqual({
      name: 'demo',
      key: 'demo',
      httpPort: 8080,
      managementPort: 9000,
      url: 'http://localhost:8080',
      managementUrl: 'http://localhost:9000',
      startTimeoutMs: 600_000,
    });
    expect(resolveInstanceConfig('test', {})).toMatchObject({ httpPort: 8180, managementPort: 9180, url: 'http://localhost:8180' });
  });

  it('reads each instance its own environment variables', () => {
    const env = { KEYCLOAK_PORT: '8081', KEYCLOAK_MANAGEMENT_PORT: '9001', SD_TEST_KEYCLOAK_PORT: '8281', SD_TEST_KEYCLOAK_MANAGEMENT_PORT: '9281' };
    expect(resolveInstanceConfig('demo', env)).toMatchObject({ httpPort: 8081, managementPort: 9001, url: 'http://localhost:8081' });
    expect(resolveInstanceConfig('test', env)).toMatchObject({ httpPort: 8281, managementPort: 9281, managementUrl: 'http://localhost:9281' });
  });

  it('ignores blank values', () => {
    expect(resolveInstanceConfig('demo', { KEYCLOAK_PORT: ' ' }).httpPort).toBe(8080);
  });

  it.each(['abc', '0', '65536', '80.5', '-1'])('rejects KEYCLOAK_PORT=%s with a clear sentence', (value) => {
    expect(() => resolveInstanceConfig('demo', { KEYCLOAK_PORT: value })).toThrow(/KEYCLOAK_PORT must be a TCP port number/);
  });

  it('rejects identical HTTP and management ports', () => {
    expect(() => resolveInstanceConfig('test', { SD_TEST_KEYCLOAK_PORT: '9180' })).toThrow(/two different ports/);
  });

  it('keys an instance on a non-default HTTP port apart, so it never shares a lock, state or Keycloak with the default one', () => {
    const cache = { SESSION_DESK_CACHE_DIR: '/tmp/shared-cache' };
    const shared = resolveInstanceConfig('demo', cache);
    const own = resolveInstanceConfig('demo', { ...cache, KEYCLOAK_PORT: '8090', KEYCLOAK_MANAGEMENT_PORT: '9090' });
    expect(shared.key).toBe('demo');
    expect(own.key).toBe('demo-8090');
    expect(runFiles(own.key, cache).lockFile).toBe('/tmp/shared-cache/keycloak/run/demo-8090.lock');
    expect(runFiles(own.key, cache).stateFile).not.toBe(runFiles(shared.key, cache).stateFile);
    // Naming the default port explicitly is still the default instance.
    expect(resolveInstanceConfig('demo', { KEYCLOAK_PORT: '8080' }).key).toBe('demo');
    expect(resolveInstanceConfig('test', { SD_TEST_KEYCLOAK_PORT: '8281' }).key).toBe('test-8281');
  });

  it('reads the start timeout in seconds from KEYCLOAK_START_TIMEOUT_SECONDS', () => {
    expect(resolveInstanceConfig('demo', { KEYCLOAK_START_TIMEOUT_SECONDS: '900' }).startTimeoutMs).toBe(900_000);
    expect(resolveInstanceConfig('test', { KEYCLOAK_START_TIMEOUT_SECONDS: ' ' }).startTimeoutMs).toBe(600_000);
  });

  it.each(['0', '-5', '1.5', 'ten'])('rejects KEYCLOAK_START_TIMEOUT_SECONDS=%s with a clear sentence', (value) => {
    expect(() => resolveInstanceConfig('demo', { KEYCLOAK_START_TIMEOUT_SECONDS: value })).toThrow(/KEYCLOAK_START_TIMEOUT_SECONDS must be a whole number of seconds/);
  });

  it('knows the instance names', () => {
    expect(isInstanceName('demo')).toBe(true);
    expect(isInstanceName('test')).toBe(true);
    expect(isInstanceName('prod')).toBe(false);
  });
});
