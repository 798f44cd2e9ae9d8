import type { TestProject } from 'vitest/node';
import { ensureKeycloak } from '@session-desk/keycloak-local';

declare module 'vitest' {
  export interface ProvidedContext {
    keycloakUrl: string;
  }
}

/** The BFF's tests run against the project's real local Keycloak (the `test` instance). */
export default async function setup(project: TestProject): Promise<void> {
  // `npm run test:compat` runs the smoke suite against another Keycloak version it started itself.
  const compatUrl = process.env['SD_COMPAT_KEYCLOAK_URL'];
  if (compatUrl) {
    project.provide('keycloakUrl', compatUrl);
    return;
  }
  const keycloak = await ensureKeycloak('test', { log: (line) => console.log(`[keycloak] ${line}`) });
  project.provide('keycloakUrl', keycloak.url);
}
