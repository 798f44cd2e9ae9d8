import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { applySessionsViewChange, readSessionsView, writeSessionsView, type SessionsView } from '../lib/sessions-view';

/** The Sessions page state, read from and written to the URL query string. */
export function useSessionsView() {
  const [params, setParams] = useSearchParams();
  const view = useMemo(() => readSessionsView(params), [params]);

  const update = useCallback(
    (patch: Partial<SessionsView>, options: { replace?: boolean } = {}) => {
      setParams((previous) => writeSessionsView(applySessionsViewChange(readSessionsView(previous), patch)), {
        replace: options.replace ?? false,
        preventScrollReset: true,
      });
    },
    [setParams],
  );

  const replaceView = useCallback(
    (next: SessionsView) => setParams(writeSessionsView(next), { preventScrollReset: true }),
    [setParams],
  );

  return { view, update, replaceView };
}
