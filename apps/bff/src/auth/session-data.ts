import type { Operator } from './operator.js';

/** What the BFF keeps per browser, server-side only: the cookie carries nothing but the session id. */
export interface LoginAttempt {
  state: string;
  nonce: string;
  codeVerifier: string;
  returnTo: string;
  startedAt: number;
}

export interface OperatorTokens {
  accessToken: string;
  refreshToken?: string;
  idToken?: string;
}

declare module 'express-session' {
  interface SessionData {
    operator?: Operator;
    tokens?: OperatorTokens;
    /** The Keycloak session (`sid`) this console session belongs to. */
    keycloakSessionId?: string;
    signedInAt?: number;
    /** When Keycloak last confirmed this operator (token refresh), epoch milliseconds. */
    checkedAt?: number;
    absoluteExpiresAt?: number;
  }
}
