import type { InstanceConfig } from './instance-config.ts';

export const BOOTSTRAP_ADMIN = { username: 'admin', password: 'admin' } as const;

/** Enough heap for 10,000+ sessions; the script's default caps it at 512 MB. */
export const HEAP_OPTIONS = '-Xms256m -Xmx2g';

export function startArguments(config: InstanceConfig): string[] {
  return [
    'start',
    '--optimized',
    '--http-enabled=true',
    '--http-host=127.0.0.1',
    `--http-port=${config.httpPort}`,
    `--http-management-port=${config.managementPort}`,
    // A fixed public URL keeps the issuer identical even for a caller that uses 127.0.0.1.
    `--hostname=${config.url}`,
    '--hostname-strict=false',
    // Without this, two instances on one machine would discover each other and form a cluster.
    '--cache=local',
    // Local instances only (bound to 127.0.0.1): the demo seed and the tests sign users in "from"
    // addresses spread over countries and networks, so sessions carry realistic IPs. A production
    // Keycloak trusts these headers only from its own reverse proxy. No --proxy-trusted-addresses:
    // the listener takes loopback callers only anyway, and with that option Keycloak 26.7.3 keeps one
    // UDP socket open per request (keycloak#52968) until it hits its open-file limit and stops
    // answering (seen after ~20,000 requests: one full test run plus a seed).
    '--proxy-headers=xforwarded',
    '--import-realm',
    '--log-console-color=false',
    // Every readiness poll before the server is up would otherwise log a "health down" line and bury the useful ones.
    '--log-level=info,io.smallrye.health:warn',
  ];
}

export function startEnvironment(transactionLogDir: string): Record<string, string> {
  return {
    KC_BOOTSTRAP_ADMIN_USERNAME: BOOTSTRAP_ADMIN.username,
    KC_BOOTSTRAP_ADMIN_PASSWORD: BOOTSTRAP_ADMIN.password,
    JAVA_OPTS_KC_HEAP: HEAP_OPTIONS,
    // Both instances share one distribution; each keeps its own transaction object store.
    JAVA_OPTS_APPEND: `-Dquarkus.transaction-manager.object-store.directory=${transactionLogDir}`,
  };
}
