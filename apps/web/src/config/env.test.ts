import { describe, expect, it } from 'vitest';
import { parseEnv } from './env';

describe('parseEnv', () => {
  it('uses defaults for missing or blank values', () => {
    expect(parseEnv({ VITE_APP_NAME: '  ' })).toEqual({ APP_NAME: 'Session Desk', SESSIONS_REFRESH_INTERVAL_MS: 5_000 });
  });

  it('coerces numbers and rejects nonsense', () => {
    expect(parseEnv({ VITE_SESSIONS_REFRESH_INTERVAL_MS: '15000' }).SESSIONS_REFRESH_INTERVAL_MS).toBe(15_000);
    expect(() => parseEnv({ VITE_SESSIONS_REFRESH_INTERVAL_MS: 'often' })).toThrow(/Invalid Session Desk build configuration/);
    expect(() => parseEnv({ VITE_SESSIONS_REFRESH_INTERVAL_MS: '10' })).toThrow();
  });
});
