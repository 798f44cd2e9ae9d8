import { describe, expect, it } from 'vitest';
import { resolveInstanceConfig } from './instance-config.ts';
import { HEAP_OPTIONS, startArguments, startEnvironment } from './start-command.ts';

describe('startArguments', () => {
  const args = startArguments(resolveInstanceConfig('test', {}));

  it('starts the prebuilt server on loopback with the instance ports and a localhost issuer', () => {
    expect(args.slice(0, 2)).toEqual(['start', '--optimized']);
    expect(args).toEqual(
      expect.arrayContaining([
        '--http-host=127.0.0.1',
        '--http-port=8180',
        '--http-management-port=9180',
        '--hostname=http://localhost:8180',
        '--hostname-strict=false',
        '--import-realm',
      ]),
    );
  });

  it('trusts X-Forwarded-For (the listener is loopback only), so seeded and test sessions can come from public addresses', () => {
    expect(args).toContain('--proxy-headers=xforwarded');
    expect(args).toContain('--http-host=127.0.0.1');
  });

  it('sets no trusted proxy list, which makes Keycloak 26.7.3 leak a socket per request (keycloak#52968)', () => {
    expect(args.filter((arg) => arg.startsWith('--proxy-trusted-addresses'))).toEqual([]);
  });

  it('never clusters two local instances', () => {
    expect(args).toContain('--cache=local');
  });
});

describe('startEnvironment', () => {
  it('sets the bootstrap admin, a large heap and a private transaction log', () => {
    expect(startEnvironment('/tmp/tx')).toEqual({
      KC_BOOTSTRAP_ADMIN_USERNAME: 'admin',
      KC_BOOTSTRAP_ADMIN_PASSWORD: 'admin',
      JAVA_OPTS_KC_HEAP: HEAP_OPTIONS,
      JAVA_OPTS_APPEND: '-Dquarkus.transaction-manager.object-store.directory=/tmp/tx',
    });
    expect(HEAP_OPTIONS).toContain('-Xmx2g');
  });
});
