import type { TestProject } from 'vitest/node';
import { ensureKeycloak } from '@session-desk/keycloak-local';

declare module 'vitest' {
  export interface ProvidedContext {
    keycloakUrl: string;
  }
}

/** Setup's tests provision throwaway realms in the project's real local Keycloak (the `test` instance). */
export default async function setup(project: TestProject): Promise<void> {
  const keycloak = await ensureKeycloak('test', { log: (line) => console.log(`[keycloak] ${line}`) });
  project.provide('keycloakUrl', keycloak.url);
}
