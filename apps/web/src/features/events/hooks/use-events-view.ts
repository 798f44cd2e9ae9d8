import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { applyEventsViewChange, readEventsView, writeEventsView, type EventsView } from '../lib/events-view';

/** The Keycloak events page state, read from and written to the URL query string. */
export function useEventsView() {
  const [params, setParams] = useSearchParams();
  const view = useMemo(() => readEventsView(params), [params]);

  const update = useCallback(
    (patch: Partial<EventsView>, options: { replace?: boolean } = {}) => {
      setParams((previous) => writeEventsView(applyEventsViewChange(readEventsView(previous), patch)), {
        replace: options.replace ?? false,
        preventScrollReset: true,
      });
    },
    [setParams],
  );

  const replaceView = useCallback(
    (next: EventsView) => setParams(writeEventsView(next), { preventScrollReset: true }),
    [setParams],
  );

  return { view, update, replaceView };
}
