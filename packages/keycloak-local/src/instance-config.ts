export type InstanceName = 'demo' | 'test';

export const INSTANCE_NAMES: readonly InstanceName[] = ['demo', 'test'];

export interface InstanceConfig {
  name: InstanceName;
  httpPort: number;
  managementPort: number;
  /** Public URL; always `localhost` so the issuer is identical for the browser and for Node. */
  url: string;
  managementUrl: string;
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

export function resolveInstanceConfig(name: InstanceName, env: NodeJS.ProcessEnv = process.env): InstanceConfig {
  const defaults = DEFAULTS[name];
  const httpPort = portFromEnv(env, defaults.httpEnv, defaults.httpPort);
  const managementPort = portFromEnv(env, defaults.managementEnv, defaults.managementPort);
  if (httpPort === managementPort) {
    throw new Error(`The ${name} Keycloak needs two different ports, but HTTP and management are both ${httpPort}.`);
  }
  return {
    name,
    httpPort,
    managementPort,
    url: `http://localhost:${httpPort}`,
    managementUrl: `http://localhost:${managementPort}`,
  };
}

export function instanceUrl(name: InstanceName): string {
  return resolveInstanceConfig(name).url;
}
