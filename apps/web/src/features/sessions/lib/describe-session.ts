import type { SessionRow } from '@session-desk/contracts';

export function clientList(session: Pick<SessionRow, 'clients'>): string {
  return session.clients.map((client) => client.clientId).join(', ');
}

/** "alice.martin's session from 10.0.0.7 on demo-portal, demo-mail" (offline: "…'s offline session …"). */
export function describeSession(session: Pick<SessionRow, 'username' | 'type' | 'ipAddress' | 'clients'>): string {
  const kind = session.type === 'offline' ? 'offline session' : 'session';
  const clients = clientList(session);
  return `${session.username}'s ${kind} from ${session.ipAddress}${clients ? ` on ${clients}` : ''}`;
}
