import { describe, expect, it } from 'vitest';
import { isInstanceName, resolveInstanceConfig } from './instance-config.ts';

describe('resolveInstanceConfig', () => {
  it('uses the documented default ports', () => {
    expect(resolveInstanceConfig('demo', {})).toEqual({
      name: 'demo',
      httpPort: 8080,
      managementPort: 9000,
      url: 'http://localhost:8080',
      managementUrl: 'http://localhost:9000',
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

  it('knows the instance names', () => {
    expect(isInstanceName('demo')).toBe(true);
    expect(isInstanceName('test')).toBe(true);
    expect(isInstanceName('prod')).toBe(false);
  });
});
