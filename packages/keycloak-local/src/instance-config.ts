export type InstanceName = 'demo' | 'test';

export const INSTANCE_NAMES: readonly InstanceName[] = ['demo', 'test'];

export interface InstanceConfig {
  name: InstanceName;
  /**
   * Names the run files (lock, pid, state, log): the instance name, plus the HTTP port when it is
   * not the default, e.g. `demo-8090`, so demos on different ports never share a lock or a Keycloak.
   */
  key: string;
  httpPort: number;
  managementPort: number;
  /** Public URL; always `localhost` so the issuer is identical for the browser and for Node. */
  url: string;
  managementUrl: string;
  /** How long a start may wait for readiness, in ms (KEYCLOAK_START_TIMEOUT_SECONDS, default 600 s). */
  startTimeoutMs: number;
}

interface PortDefaults {
  httpPort: number;
  httpEnv: string;
  managementPort: number;
  managementEnv: string;
}

const DEFAULTS: Record<InstanceName, PortDefaults> = {
  demo: { httpPort: 8080, httpEnv: 'KEYCLOAK_PORT', managementPort: 9000, managementEnv: 'KEYCLOAK_MANAGEMENT_PORT' },
  test: {
    httpPort: 8180,
    httpEnv: 'SD_TEST_KEYCLOAK_PORT',
    managementPort: 9180,
    managementEnv: 'SD_TEST_KEYCLOAK_MANAGEMENT_PORT',
  },
};

export const START_TIMEOUT_ENV = 'KEYCLOAK_START_TIMEOUT_SECONDS';
/** A first start on a loaded machine boots for minutes before it imports the realms. */
export const DEFAULT_START_TIMEOUT_SECONDS = 600;

export function portVariables(name: InstanceName): { http: string; management: string } {
  return { http: DEFAULTS[name].httpEnv, management: DEFAULTS[name].managementEnv };
}

export function isInstanceName(value: string): value is InstanceName {
  return (INSTANCE_NAMES as readonly string[]).includes(value);
}

function portFromEnv(env: NodeJS.ProcessEnv, variable: string, fallback: number): number {
  const raw = env[variable]?.trim();
  if (!raw) return fallback;
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port < 1 || port > 65535) {
    throw new Error(`${variable} must be a TCP port number between 1 and 65535, but it is "${raw}".`);
  }
  return port;
}

function startTimeoutMsFromEnv(env: NodeJS.ProcessEnv): number {
  const raw = env[START_TIMEOUT_ENV]?.trim();
  if (!raw) return DEFAULT_START_TIMEOUT_SECONDS * 1000;
  if (!/^\d+$/.test(raw) || Number(raw) < 1) {
    throw new Error(`${START_TIMEOUT_ENV} must be a whole number of seconds (1 or more), but it is "${raw}".`);
  }
  return Number(raw) * 1000;
}

/**
 * The instance's ports, URLs, run-file key and start timeout from `env` (KEYCLOAK_PORT,
 * KEYCLOAK_MANAGEMENT_PORT or SD_TEST_KEYCLOAK_*, KEYCLOAK_START_TIMEOUT_SECONDS).
 * @throws Error naming the variable when a value is not a port / whole number, or both ports are equal.
 */
export function resolveInstanceConfig(name: InstanceName, env: NodeJS.ProcessEnv = process.env): InstanceConfig {
  const defaults = DEFAULTS[name];
  const httpPort = portFromEnv(env, defaults.httpEnv, defaults.httpPort);
  const managementPort = portFromEnv(env, defaults.managementEnv, defaults.managementPort);
  if (httpPort === managementPort) {
    throw new Error(`The ${name} Keycloak needs two different ports, but HTTP and management are both ${httpPort}.`);
  }
  return {
    name,
    key: httpPort === defaults.httpPort ? name : `${name}-${httpPort}`,
    httpPort,
    managementPort,
    url: `http://localhost:${httpPort}`,
    managementUrl: `http://localhost:${managementPort}`,
    startTimeoutMs: startTimeoutMsFromEnv(env),
  };
}

export function instanceUrl(name: InstanceName): string {
  return resolveInstanceConfig(name).url;
}
