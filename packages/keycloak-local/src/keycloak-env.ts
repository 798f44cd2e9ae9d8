import type { JavaRuntime } from './java.ts';

/** Inherited KC_*, QUARKUS_* and JAVA_OPTS* variables would silently reconfigure the server. */
const FOREIGN_CONFIG = /^(KC_|QUARKUS_|JAVA_OPTS)/;

export function keycloakEnv(
  java: JavaRuntime,
  extra: Record<string, string> = {},
  base: NodeJS.ProcessEnv = process.env,
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(base)) {
    if (!FOREIGN_CONFIG.test(key)) env[key] = value;
  }
  env['JAVA'] = java.javaBin;
  if (java.javaHome) env['JAVA_HOME'] = java.javaHome;
  return { ...env, ...extra };
}
