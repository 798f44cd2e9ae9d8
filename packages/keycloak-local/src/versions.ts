export const KEYCLOAK_VERSION = '26.7.3';

/** The Maven coordinates of a Keycloak server distribution (Quarkus, zip). */
export function keycloakArtifact(version: string): string {
  return `org.keycloak:keycloak-quarkus-dist:${version}:zip`;
}

export const KEYCLOAK_MAVEN_ARTIFACT = keycloakArtifact(KEYCLOAK_VERSION);

export const MINIMUM_JAVA_MAJOR = 17;
