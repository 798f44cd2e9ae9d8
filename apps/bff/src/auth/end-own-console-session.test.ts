import type { Request } from 'express';
import { describe, expect, it, vi } from 'vitest';
import { endOwnConsoleSession, type OwnSignInEffect } from './end-own-console-session.js';

/** A request of operator `op-1`, signed in through realm `desk` with Keycloak session `kc-1`. */
function signedInRequest() {
  const destroy = vi.fn((callback: (err?: unknown) => void) => callback());
  const req = {
    session: { operator: { id: 'op-1', username: 'ada', realm: 'desk', roles: ['admin'] }, keycloakSessionId: 'kc-1', destroy },
    log: { warn: vi.fn() },
  } as unknown as Request;
  return { req, destroy };
}

describe('endOwnConsoleSession', () => {
  it.each<[string, string, OwnSignInEffect]>([
    ['their current Keycloak session ended', 'desk', { kind: 'session', sessionId: 'kc-1' }],
    ['themselves logged out', 'desk', { kind: 'user', userId: 'op-1' }],
    ['everyone signed out, or every token revoked, in their realm', 'desk', { kind: 'realm' }],
  ])('ends the console session when the action ended their own sign-in: %s', async (_case, realm, effect) => {
    const { req, destroy } = signedInRequest();
    expect(await endOwnConsoleSession(req, realm, effect)).toBe(true);
    expect(destroy).toHaveBeenCalledOnce();
  });

  it.each<[string, string, OwnSignInEffect]>([
    ['another of their sessions (not the one this console holds)', 'desk', { kind: 'session', sessionId: 'kc-2' }],
    ['someone else logged out', 'desk', { kind: 'user', userId: 'op-2' }],
    ['a session of the same id in another realm', 'other', { kind: 'session', sessionId: 'kc-1' }],
    ['a user of the same id in another realm', 'other', { kind: 'user', userId: 'op-1' }],
    ['a realm they did not sign in through', 'other', { kind: 'realm' }],
  ])('keeps the console session otherwise: %s', async (_case, realm, effect) => {
    const { req, destroy } = signedInRequest();
    expect(await endOwnConsoleSession(req, realm, effect)).toBe(false);
    expect(destroy).not.toHaveBeenCalled();
  });

  it('reports a session store that fails, without failing the action that already happened', async () => {
    const { req } = signedInRequest();
    (req.session as unknown as { destroy: (callback: (err?: unknown) => void) => void }).destroy = (callback) => callback(new Error('redis down'));
    expect(await endOwnConsoleSession(req, 'desk', { kind: 'realm' })).toBe(false);
    expect(req.log.warn).toHaveBeenCalledOnce();
  });
});
