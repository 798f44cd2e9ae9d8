import type { ClientStats } from '@session-desk/contracts';
import { cn } from '@/lib/cn';
import { formatNumber } from '@/lib/format';

export interface ClientSessionsChartProps {
  clients: readonly ClientStats[];
  /** The client filter in force ('' = none): its bar is marked pressed. */
  selected: string;
  /** A bar was clicked: filter the list by this clientId (or '' to clear when it was already selected). */
  onSelect: (clientId: string) => void;
}

/**
 * Active and offline sessions per client as horizontal bars (plain HTML, no chart library), the
 * busiest first. Each bar is a button that filters the list by its client. Loaded lazily: it is
 * not part of the Sessions page's first load.
 */
export default function ClientSessionsChart({ clients, selected, onSelect }: ClientSessionsChartProps) {
  const shown = [...clients].filter((c) => c.active + c.offline > 0).sort((a, b) => b.active + b.offline - (a.active + a.offline) || a.clientId.localeCompare(b.clientId));
  const most = Math.max(1, ...shown.map((c) => c.active + c.offline));
  if (shown.length === 0) return <p className="px-4 py-3 text-sm text-slate-600">No client has sessions now.</p>;
  return (
    <div data-testid="client-chart" className="px-4 py-3">
      <p className="mb-2 flex gap-4 text-xs text-slate-600" aria-hidden="true">
        <span className="inline-flex items-center gap-1.5">
          <span className="inline-block size-3 rounded-sm bg-accent-600" /> Active
        </span>
        <span className="inline-flex items-center gap-1.5">
          <span className="inline-block size-3 rounded-sm bg-amber-500" /> Offline
        </span>
      </p>
      {/* One grid for every row (rows are subgrids): each bar has the same track whatever its label and counts, so lengths compare. */}
      <ul className="grid grid-cols-[minmax(0,12rem)_minmax(0,1fr)_auto] gap-x-3 gap-y-1">
        {shown.map((client) => {
          const pressed = selected === client.clientId;
          return (
            <li key={client.id} className="col-span-3 grid grid-cols-subgrid">
              <button
                type="button"
                aria-pressed={pressed}
                data-testid="client-bar"
                data-client={client.clientId}
                aria-label={`${client.clientId}: ${formatNumber(client.active)} active, ${formatNumber(client.offline)} offline. ${pressed ? 'Show all clients' : 'Show only this client'}`}
                onClick={() => onSelect(pressed ? '' : client.clientId)}
                className={cn(
                  'col-span-3 grid grid-cols-subgrid items-center rounded px-1 py-1.5 text-left text-xs',
                  'focus-visible:outline-2 focus-visible:outline-accent-600 hover:bg-slate-50',
                  pressed && 'bg-accent-50',
                )}
              >
                <span className="truncate font-mono text-slate-800">{client.clientId}</span>
                {/* SVG widths, not inline styles: the console's CSP allows no style attributes. */}
                <svg aria-hidden="true" viewBox="0 0 100 10" preserveAspectRatio="none" className="h-3 w-full rounded-sm bg-slate-100">
                  <rect x="0" y="0" height="10" width={(client.active / most) * 100} className="fill-accent-600" />
                  <rect x={(client.active / most) * 100} y="0" height="10" width={(client.offline / most) * 100} className="fill-amber-500" />
                </svg>
                {/* The same words as the button's name (WCAG 2.5.3, label in name: axe's label-content-name-mismatch). */}
                <span className="text-slate-700 tabular-nums">
                  {formatNumber(client.active)} active, {formatNumber(client.offline)} offline
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
