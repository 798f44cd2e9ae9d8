import { describe, expect, it } from 'vitest';
import { keycloakEnv } from './keycloak-env.ts';

describe('keycloakEnv', () => {
  it('drops inherited Keycloak/Quarkus/JVM option variables and points kc.sh at the chosen Java', () => {
    const env = keycloakEnv(
      { javaBin: '/jdk/bin/java', javaHome: '/jdk', major: 25 },
      { KC_BOOTSTRAP_ADMIN_USERNAME: 'admin' },
      { PATH: '/bin', KC_DB: 'postgres', QUARKUS_PROFILE: 'dev', JAVA_OPTS: '-Xmx64m', JAVA_HOME: '/old' },
    );
    expect(env).toEqual({ PATH: '/bin', JAVA: '/jdk/bin/java', JAVA_HOME: '/jdk', KC_BOOTSTRAP_ADMIN_USERNAME: 'admin' });
  });
});
