import { describe, expect, it } from 'vitest';
import { keycloakBehaviour, majorMinor } from './server-version.js';

describe('keycloakBehaviour', () => {
  it('knows which versions end offline sessions on logout-all', () => {
    expect(['24.0.5', '25.0.6', '26.0.8', '26.1.4'].map((v) => keycloakBehaviour(v).logoutAllEndsOfflineSessions)).toEqual([false, false, false, false]);
    expect(['26.2.0', '26.7.3', '27.0.0'].map((v) => keycloakBehaviour(v).logoutAllEndsOfflineSessions)).toEqual([true, true, true]);
  });

  it('assumes the older behaviour when the version is unknown', () => {
    expect(keycloakBehaviour(undefined)).toEqual({ version: undefined, logoutAllEndsOfflineSessions: false });
    expect(majorMinor('24.0.5.redhat-00001')).toEqual([24, 0]);
    expect(majorMinor('nightly')).toBeUndefined();
  });
});
