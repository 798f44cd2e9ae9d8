import { createHash } from 'node:crypto';
import { parse as parseCookies, serialize as serializeCookie } from 'cookie';
import { EncryptJWT, jwtDecrypt } from 'jose';
import type { Request, Response } from 'express';
import type { LoginAttempt } from './session-data.js';

/** How long a started sign-in may take before its callback is refused. */
export const LOGIN_ATTEMPT_TTL_SECONDS = 10 * 60;

export interface LoginStateCookieOptions {
  /** `__Host-` prefixed and `Secure` when the console is served over HTTPS. */
  secure: boolean;
  /** The session secret; the cookie's key is derived from it, so every instance can open it. */
  secret: string;
}

/**
 * A sign-in in progress (state, nonce, PKCE verifier, returnTo), kept in the browser as a
 * short-lived encrypted cookie (JWE, dir + A256GCM) instead of on the server: an anonymous visitor
 * who starts any number of sign-ins stores nothing here.
 */
export class LoginStateCookie {
  readonly name: string;
  readonly #secure: boolean;
  readonly #key: Uint8Array;

  constructor(options: LoginStateCookieOptions) {
    this.name = options.secure ? '__Host-sd.login' : 'sd.login';
    this.#secure = options.secure;
    this.#key = createHash('sha256').update('session-desk login-state v1\n').update(options.secret).digest();
  }

  /** Sets the cookie for a new sign-in (replacing any earlier one of this browser). */
  async set(res: Response, attempt: LoginAttempt): Promise<void> {
    const token = await new EncryptJWT({ login: attempt })
      .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
      .setIssuedAt()
      .setExpirationTime(`${LOGIN_ATTEMPT_TTL_SECONDS}s`)
      .encrypt(this.#key);
    res.append('Set-Cookie', this.#serialize(token, LOGIN_ATTEMPT_TTL_SECONDS));
  }

  /** The sign-in this browser started, or undefined when there is none, it expired, or the cookie was tampered with. */
  async read(req: Request): Promise<LoginAttempt | undefined> {
    const token = parseCookies(req.get('cookie') ?? '')[this.name];
    if (!token) return undefined;
    try {
      const { payload } = await jwtDecrypt(token, this.#key, { maxTokenAge: `${LOGIN_ATTEMPT_TTL_SECONDS}s` });
      return isLoginAttempt(payload.login) ? payload.login : undefined;
    } catch {
      return undefined;
    }
  }

  /** Removes the cookie: one callback per sign-in. */
  clear(res: Response): void {
    res.append('Set-Cookie', this.#serialize('', 0));
  }

  #serialize(value: string, maxAgeSeconds: number): string {
    return serializeCookie(this.name, value, { httpOnly: true, sameSite: 'lax', secure: this.#secure, path: '/', maxAge: maxAgeSeconds });
  }
}

function isLoginAttempt(value: unknown): value is LoginAttempt {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return ['state', 'nonce', 'codeVerifier', 'returnTo'].every((key) => typeof v[key] === 'string') && typeof v.startedAt === 'number';
}
