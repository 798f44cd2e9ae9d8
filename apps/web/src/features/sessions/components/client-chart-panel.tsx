import type { ClientStats } from '@session-desk/contracts';
import { lazy, Suspense, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';

// Its own chunk: the Sessions page's first load stays without it until someone opens the chart.
const ClientSessionsChart = lazy(() => import('./client-sessions-chart'));

export interface ClientChartPanelProps {
  clients: readonly ClientStats[] | undefined;
  selected: string;
  onSelect: (clientId: string) => void;
}

/** "Sessions per client": closed by default; opening it loads the chart, whose bars filter the list. */
export function ClientChartPanel({ clients, selected, onSelect }: ClientChartPanelProps) {
  const [open, setOpen] = useState(false);
  return (
    <Card>
      <div className="flex items-center justify-between gap-2 px-4 py-2">
        <h2 className="text-sm font-semibold text-slate-900" id="client-chart-heading">
          Sessions per client
        </h2>
        <Button variant="ghost" size="sm" aria-expanded={open} aria-controls="client-chart-region" onClick={() => setOpen((was) => !was)}>
          {open ? 'Hide chart' : 'Show chart'}
        </Button>
      </div>
      {open ? (
        <section id="client-chart-region" aria-labelledby="client-chart-heading" className="border-t border-slate-200">
          <Suspense fallback={<p className="px-4 py-3 text-sm text-slate-600">Loading the chart…</p>}>
            {clients ? <ClientSessionsChart clients={clients} selected={selected} onSelect={onSelect} /> : <p className="px-4 py-3 text-sm text-slate-600">Loading the client counts…</p>}
          </Suspense>
        </section>
      ) : null}
    </Card>
  );
}
