import type { Request } from 'express';
import { currentOperator } from './require-operator.js';

/** What an action just did to the acting operator's own Keycloak sign-in, in `realm`. */
export type OwnSignInEffect = { kind: 'session'; sessionId: string } | { kind: 'user'; userId: string } | { kind: 'realm' };

/**
 * Ends the operator's console session when the action they just completed through the console, in
 * `realm`, ended their own Keycloak session (`session`: their current one; `user`: a logout of
 * themselves; `realm`: everyone signed out or every token revoked in the realm they signed in
 * through). The dialogs promise "this signs you out of Session Desk too": it holds at once, not
 * at the next re-check (OPERATOR_RECHECK_SECONDS) or whenever a back-channel logout arrives. The
 * action has happened either way, so a session store that fails here is logged, not answered.
 * Resolves to whether the console session was ended.
 */
export async function endOwnConsoleSession(req: Request, realm: string, effect: OwnSignInEffect): Promise<boolean> {
  const operator = currentOperator(req);
  if (realm !== operator.realm) return false;
  const own =
    effect.kind === 'realm' ||
    (effect.kind === 'user' && effect.userId === operator.id) ||
    (effect.kind === 'session' && effect.sessionId === req.session.keycloakSessionId);
  if (!own) return false;
  return new Promise((resolve) =>
    req.session.destroy((err: unknown) => {
      if (err) req.log.warn({ err }, "could not end the operator's console session after they ended their own sign-in");
      resolve(!err);
    }),
  );
}
