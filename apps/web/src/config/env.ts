/**
 * The only module that reads `import.meta.env`. Everything else imports `env` from here,
 * so a misconfigured build fails loudly at start-up instead of misbehaving later.
 */
export interface Env {
  APP_NAME: string;
  SESSIONS_REFRESH_INTERVAL_MS: number;
}

const DEFAULT_APP_NAME = 'Session Desk';
const REFRESH_INTERVAL_MS = { min: 5_000, max: 600_000, default: 5_000 } as const;

function emptyToUndefined(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

export function parseEnv(raw: Record<string, string | undefined>): Env {
  const interval = emptyToUndefined(raw.VITE_SESSIONS_REFRESH_INTERVAL_MS);
  const intervalMs = interval === undefined ? REFRESH_INTERVAL_MS.default : Number(interval);
  if (!Number.isInteger(intervalMs) || intervalMs < REFRESH_INTERVAL_MS.min || intervalMs > REFRESH_INTERVAL_MS.max) {
    throw new Error(
      'Invalid Session Desk build configuration:\n' +
        `✖ VITE_SESSIONS_REFRESH_INTERVAL_MS must be a whole number of milliseconds from ${REFRESH_INTERVAL_MS.min} to ${REFRESH_INTERVAL_MS.max}, not "${interval}"`,
    );
  }
  return {
    APP_NAME: emptyToUndefined(raw.VITE_APP_NAME)?.trim() ?? DEFAULT_APP_NAME,
    SESSIONS_REFRESH_INTERVAL_MS: intervalMs,
  };
}

export const env: Env = parseEnv({
  VITE_APP_NAME: import.meta.env.VITE_APP_NAME,
  VITE_SESSIONS_REFRESH_INTERVAL_MS: import.meta.env.VITE_SESSIONS_REFRESH_INTERVAL_MS,
});
