// The least page the SPA's stack can serve: React 19 rendering one TanStack Query result under one
// wouter route, styled by Tailwind. `npm run bench` builds it beside the SPA (firstLoadStackFloorKiB),
// so the first-load target is read against what the stack alone costs, measured in the same run.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import { Route, Switch } from 'wouter';
import './index.css';

function Health() {
  const { data } = useQuery({ queryKey: ['healthz'], queryFn: async () => (await fetch('/healthz')).status });
  return <p className="p-4 text-sm text-gray-900">{data === undefined ? 'Loading…' : `HTTP ${data}`}</p>;
}

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <QueryClientProvider client={new QueryClient()}>
        <Switch>
          <Route path="/">
            <Health />
          </Route>
        </Switch>
      </QueryClientProvider>
    </StrictMode>,
  );
}
