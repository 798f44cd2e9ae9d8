/**
 * The environment variables setup reads (the only module of this package that touches process.env).
 * Names match the BFF's (apps/bff/src/env.ts), so a sourced env file feeds both.
 */
export interface SetupEnvironment {
  KEYCLOAK_URL?: string;
  KEYCLOAK_PUBLIC_URL?: string;
  KEYCLOAK_REALM?: string;
  MANAGED_REALMS?: string;
  PUBLIC_URL?: string;
  OIDC_CLIENT_ID?: string;
  SERVICE_CLIENT_ID?: string;
  /** Admin user on KEYCLOAK_ADMIN_REALM (default master), signed in through `admin-cli`. */
  KEYCLOAK_ADMIN_USERNAME?: string;
  KEYCLOAK_ADMIN_PASSWORD?: string;
  KEYCLOAK_ADMIN_REALM?: string;
  /** Or an admin client with a service account (client credentials). */
  KEYCLOAK_ADMIN_CLIENT_ID?: string;
  KEYCLOAK_ADMIN_CLIENT_SECRET?: string;
  /** Where `npm run` was started; relative paths given by the operator resolve from there. */
  INIT_CWD?: string;
}

const NAMES: ReadonlyArray<keyof SetupEnvironment> = [
  'KEYCLOAK_URL',
  'KEYCLOAK_PUBLIC_URL',
  'KEYCLOAK_REALM',
  'MANAGED_REALMS',
  'PUBLIC_URL',
  'OIDC_CLIENT_ID',
  'SERVICE_CLIENT_ID',
  'KEYCLOAK_ADMIN_USERNAME',
  'KEYCLOAK_ADMIN_PASSWORD',
  'KEYCLOAK_ADMIN_REALM',
  'KEYCLOAK_ADMIN_CLIENT_ID',
  'KEYCLOAK_ADMIN_CLIENT_SECRET',
  'INIT_CWD',
];

/** The set, non-empty variables among those setup reads. */
export function readSetupEnvironment(source: Record<string, string | undefined> = process.env): SetupEnvironment {
  const env: SetupEnvironment = {};
  for (const name of NAMES) {
    const value = source[name]?.trim();
    if (value) env[name] = value;
  }
  return env;
}
