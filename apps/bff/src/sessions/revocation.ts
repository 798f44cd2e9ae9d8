import type { SessionRevocation, SessionRow } from '@session-desk/contracts';

/**
 * Not-before times in force, in epoch seconds (0: none). Keycloak refuses every token (access,
 * refresh, offline, the SSO cookie) issued before the realm's, the user's or the client's.
 */
export interface NotBefores {
  realm: number;
  /** Per user id; a user missing here is taken as 0 (the realm-wide snapshot reads only those with offline sessions). */
  users: ReadonlyMap<string, number>;
  /** Per internal client UUID. */
  clients: ReadonlyMap<string, number>;
}

const iso = (seconds: number) => new Date(seconds * 1000).toISOString();

/**
 * Whether Keycloak still honours a session. Its newest token was issued at its last access
 * (seconds), so once a not-before lies after that, no token of the session is accepted any more:
 * the session is revoked at that not-before. For clients, it must hold for every client of the
 * session. Returns null for a live session.
 */
export function revocationOf(row: SessionRow, notBefores: NotBefores): SessionRevocation | null {
  const lastUsed = Math.floor(Date.parse(row.lastAccess) / 1000);
  const causes: Array<{ by: SessionRevocation['by']; at: number }> = [
    { by: 'realm', at: notBefores.realm },
    { by: 'user', at: notBefores.users.get(row.userId) ?? 0 },
  ];
  if (row.clients.length > 0) {
    const perClient = row.clients.map((client) => notBefores.clients.get(client.id) ?? 0);
    if (perClient.every((at) => at > lastUsed)) causes.push({ by: 'client', at: Math.max(...perClient) });
  }
  // The first not-before to pass the last use is when the session stopped working.
  const cause = causes.filter((candidate) => candidate.at > lastUsed).sort((a, b) => a.at - b.at)[0];
  return cause ? { by: cause.by, at: iso(cause.at) } : null;
}

/** The rows with `revoked` set from the not-befores (a row already marked keeps its mark). */
export function withRevocations(rows: SessionRow[], notBefores: NotBefores): SessionRow[] {
  return rows.map((row) => ({ ...row, revoked: row.revoked ?? revocationOf(row, notBefores) }));
}
