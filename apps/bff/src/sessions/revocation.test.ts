import { describe, expect, it } from 'vitest';
import type { SessionRow } from '@session-desk/contracts';
import { revocationOf, withRevocations, type NotBefores } from './revocation.js';

const at = (iso: string) => Date.parse(iso) / 1000;

function row(over: Partial<SessionRow> = {}): SessionRow {
  return {
    id: 'sid-1',
    type: 'offline',
    userId: 'u1',
    username: 'ann',
    email: null,
    ipAddress: '10.0.0.1',
    started: '2026-11-25T10:00:00.000Z',
    lastAccess: '2026-11-25T11:00:00.000Z',
    rememberMe: false,
    clients: [
      { id: 'c1', clientId: 'mail' },
      { id: 'c2', clientId: 'portal' },
    ],
    ...over,
  };
}

const none: NotBefores = { realm: 0, users: new Map(), clients: new Map() };

describe('revocationOf', () => {
  it('is null for a session used after every not-before', () => {
    expect(revocationOf(row(), none)).toBeNull();
    expect(revocationOf(row(), { ...none, realm: at('2026-11-25T10:59:59Z'), users: new Map([['u1', at('2026-11-25T11:00:00Z')]]) })).toBeNull();
  });

  it("is revoked by the user's not-before (a logout everywhere), at that time", () => {
    expect(revocationOf(row(), { ...none, users: new Map([['u1', at('2026-11-25T11:00:01Z')]]) })).toEqual({
      by: 'user',
      at: '2026-11-25T11:00:01.000Z',
    });
    expect(revocationOf(row(), { ...none, users: new Map([['other', at('2026-11-25T12:00:00Z')]]) })).toBeNull();
  });

  it("is revoked by the realm's not-before; the earlier cause is the one that stopped it", () => {
    const notBefores = { ...none, realm: at('2026-11-25T12:00:00Z'), users: new Map([['u1', at('2026-11-25T13:00:00Z')]]) };
    expect(revocationOf(row(), notBefores)).toEqual({ by: 'realm', at: '2026-11-25T12:00:00.000Z' });
  });

  it("is revoked by clients only when every client's not-before passed the last use", () => {
    const one = { ...none, clients: new Map([['c1', at('2026-11-25T12:00:00Z')]]) };
    expect(revocationOf(row(), one)).toBeNull();
    const both = { ...none, clients: new Map([['c1', at('2026-11-25T12:00:00Z')], ['c2', at('2026-11-25T12:30:00Z')]]) };
    expect(revocationOf(row(), both)).toEqual({ by: 'client', at: '2026-11-25T12:30:00.000Z' });
  });

  it('keeps a mark already set', () => {
    const marked = row({ revoked: { by: 'user', at: '2026-11-25T11:30:00.000Z' } });
    expect(withRevocations([marked], none)[0]?.revoked).toEqual({ by: 'user', at: '2026-11-25T11:30:00.000Z' });
    expect(withRevocations([row()], none)[0]?.revoked).toBeNull();
  });
});
