import type { ClientStats } from '@session-desk/contracts';
import { useId } from 'react';
import { SearchInput } from '@/components/ui/search-input';
import { fieldLabelClass, Select } from '@/components/ui/select';
import { formatNumber } from '@/lib/format';
import type { SessionsView } from '../lib/sessions-view';

export interface SessionFiltersProps {
  view: SessionsView;
  onChange: (patch: Partial<SessionsView>, options?: { replace?: boolean }) => void;
  /** From the client stats; undefined while loading (or when they could not be loaded). */
  clients: ClientStats[] | undefined;
  /** Every keystroke in the search box, before it is searched. */
  onDraftChange?: (q: string) => void;
  /** The results' element id: a "Skip to results" link follows the search box. */
  resultsId?: string;
}

function clientOptionLabel(client: ClientStats): string {
  const counts = [`${formatNumber(client.active)} active`];
  if (client.offline > 0) counts.push(`${formatNumber(client.offline)} offline`);
  return `${client.clientId} (${counts.join(', ')})`;
}

/** A link shown on keyboard focus only: jumps past the filters to the list. */
export function SkipToResults({ targetId }: { targetId: string }) {
  return (
    <a
      href={`#${targetId}`}
      onClick={(event) => {
        const target = document.getElementById(targetId);
        if (!target) return;
        event.preventDefault();
        target.focus();
      }}
      className="sr-only rounded-md bg-accent-700 px-3 py-1.5 text-sm font-medium text-white focus:not-sr-only focus:absolute focus:top-full focus:left-0 focus:z-30 focus:mt-1"
    >
      Skip to results
    </a>
  );
}

/** Search (debounced), client, type, country and network filters of the Sessions page. */
export function SessionFilters({ view, onChange, clients, onDraftChange, resultsId }: SessionFiltersProps) {
  const clientId = useId();
  const typeId = useId();
  const sortedClients = [...(clients ?? [])].sort((a, b) => a.clientId.localeCompare(b.clientId));
  // A client filter from a pasted link stays selectable even if the stats do not list it (yet).
  const unknownClient = view.client && !sortedClients.some((client) => client.clientId === view.client) ? view.client : undefined;

  return (
    <div className="grid gap-3 sm:grid-cols-2 xl:grid-cols-[minmax(0,2fr)_minmax(0,1fr)_minmax(0,10rem)_minmax(0,9rem)_minmax(0,11rem)]">
      <div className="relative">
        <SearchInput
          label="Search sessions"
          placeholder="User, email, IP or 10.0.0.0/8, client, country"
          value={view.q}
          autoFocus
          slashShortcut
          landmark="Session search"
          onDraftChange={onDraftChange}
          onValueChange={(q) => onChange({ q }, { replace: true })}
        />
        {resultsId ? <SkipToResults targetId={resultsId} /> : null}
      </div>
      <div>
        <label htmlFor={clientId} className={fieldLabelClass}>
          Client
        </label>
        <Select id={clientId} className="mt-1" value={view.client} onChange={(event) => onChange({ client: event.target.value })}>
          <option value="">All clients</option>
          {unknownClient ? <option value={unknownClient}>{unknownClient}</option> : null}
          {sortedClients.map((client) => (
            <option key={client.id} value={client.clientId}>
              {clientOptionLabel(client)}
            </option>
          ))}
        </Select>
      </div>
      <div>
        <label htmlFor={typeId} className={fieldLabelClass}>
          Type
        </label>
        <Select
          id={typeId}
          className="mt-1"
          value={view.type}
          onChange={(event) => onChange({ type: event.target.value === 'regular' || event.target.value === 'offline' ? event.target.value : '' })}
        >
          <option value="">All types</option>
          <option value="regular">Regular</option>
          <option value="offline">Offline</option>
        </Select>
      </div>
      <SearchInput
        label="Country"
        placeholder="DE, Germany, private, unknown"
        value={view.country}
        onValueChange={(country) => onChange({ country: country.trim() }, { replace: true })}
      />
      <SearchInput
        label="Network"
        placeholder="Operator or ASN"
        value={view.network}
        onValueChange={(network) => onChange({ network: network.trim() }, { replace: true })}
      />
    </div>
  );
}
