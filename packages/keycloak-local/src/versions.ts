export const KEYCLOAK_VERSION = '26.7.3';

export const KEYCLOAK_MAVEN_ARTIFACT = `org.keycloak:keycloak-quarkus-dist:${KEYCLOAK_VERSION}:zip`;

export const MINIMUM_JAVA_MAJOR = 17;
