import { describe, expect, it } from 'vitest';
import { SERVICE_ACCOUNT_ROLES as DEMO_REALM_ROLES } from '@session-desk/keycloak-local';
import { SERVICE_ACCOUNT_ROLES, consoleUrls, isSupportedKeycloakVersion } from './requirements.js';
import { uriAllowed } from './provision.js';

describe('requirements', () => {
  it('asks for exactly the service-account roles the demo realm grants', () => {
    expect([...SERVICE_ACCOUNT_ROLES].sort()).toEqual([...DEMO_REALM_ROLES].sort());
  });

  it("derives the console's URLs from its origin", () => {
    expect(consoleUrls('https://desk.example.com/')).toEqual({
      origin: 'https://desk.example.com',
      redirectUri: 'https://desk.example.com/auth/callback',
      postLogoutRedirectUri: 'https://desk.example.com/signed-out',
      backchannelLogoutUrl: 'https://desk.example.com/auth/backchannel-logout',
    });
  });

  it('supports Keycloak 24 to 26', () => {
    expect(['24.0.5', '25.0.6', '26.0.8', '26.7.3', '26.0.8.redhat-00001'].map(isSupportedKeycloakVersion)).toEqual([true, true, true, true, true]);
    expect(['23.0.7', '27.0.0', 'nonsense'].map(isSupportedKeycloakVersion)).toEqual([false, false, false]);
  });

  it("treats Keycloak's trailing-* redirect patterns as covering a URI", () => {
    expect(uriAllowed(['http://localhost:3100/*'], 'http://localhost:3100/signed-out')).toBe(true);
    expect(uriAllowed(['http://localhost:3100/auth/callback'], 'http://localhost:3100/auth/callback')).toBe(true);
    expect(uriAllowed(['http://localhost:3000/*'], 'http://localhost:3100/signed-out')).toBe(false);
  });
});
