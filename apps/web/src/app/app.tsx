import { AppProvider } from './provider';
import { AppRoutes } from './router';
import { AppRouter, browserLocation } from '@/lib/router';

export function App() {
  return (
    <AppProvider>
      <AppRouter location={browserLocation}>
        <AppRoutes />
      </AppRouter>
    </AppProvider>
  );
}
