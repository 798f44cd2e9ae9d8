import { describe, expect, it } from 'vitest';
import { keycloakPaths } from './paths.ts';
import { postgresPaths } from './postgres-keycloak.ts';

describe('postgresPaths', () => {
  it('puts the PostgreSQL build beside the shared distribution, never in it', () => {
    const shared = keycloakPaths({ SESSION_DESK_CACHE_DIR: '/tmp/sd-cache' });
    const paths = postgresPaths(shared);
    expect(paths.distDir).toBe(`${shared.distDir}-postgres`);
    expect(paths.kcScript).toBe(`${shared.distDir}-postgres/bin/kc.sh`);
    expect(paths.importDir).toBe(`${shared.distDir}-postgres/data/import`);
    expect(paths.buildStamp.startsWith(`${shared.distDir}-postgres/`)).toBe(true);
    // The zip and the run files (logs, locks) stay shared.
    expect(paths.zipFile).toBe(shared.zipFile);
    expect(paths.runDir).toBe(shared.runDir);
  });
});
