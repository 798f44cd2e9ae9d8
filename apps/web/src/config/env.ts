import '@/lib/zod-csp';
import { z } from 'zod';

/**
 * The only module that reads `import.meta.env`. Everything else imports `env` from here,
 * so a misconfigured build fails loudly at start-up instead of misbehaving later.
 */
const envSchema = z.object({
  APP_NAME: z.string().trim().min(1).default('Session Desk'),
  SESSIONS_REFRESH_INTERVAL_MS: z.coerce.number().int().min(5_000).max(600_000).default(5_000),
});

export type Env = z.infer<typeof envSchema>;

function emptyToUndefined(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

export function parseEnv(raw: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse({
    APP_NAME: emptyToUndefined(raw.VITE_APP_NAME),
    SESSIONS_REFRESH_INTERVAL_MS: emptyToUndefined(raw.VITE_SESSIONS_REFRESH_INTERVAL_MS),
  });
  if (!result.success) {
    throw new Error(`Invalid Session Desk build configuration:\n${z.prettifyError(result.error)}`);
  }
  return result.data;
}

export const env: Env = parseEnv({
  VITE_APP_NAME: import.meta.env.VITE_APP_NAME,
  VITE_SESSIONS_REFRESH_INTERVAL_MS: import.meta.env.VITE_SESSIONS_REFRESH_INTERVAL_MS,
});
