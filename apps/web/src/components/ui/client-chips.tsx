import { cn } from '@/lib/cn';

/** The applications (Keycloak clients) a session is signed in to, as small chips. */
export function ClientChips({ clients, className }: { clients: ReadonlyArray<{ id: string; clientId: string }>; className?: string }) {
  if (clients.length === 0) {
    return <span className="text-slate-500">none</span>;
  }
  return (
    <ul className={cn('flex flex-wrap gap-1', className)}>
      {clients.map((client) => (
        <li
          key={client.id}
          title={client.clientId}
          className="rounded bg-slate-100 px-1.5 py-0.5 min-w-0 font-mono text-xs break-words text-slate-700 ring-1 ring-slate-200 ring-inset"
        >
          {client.clientId}
        </li>
      ))}
    </ul>
  );
}
