import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'wouter';

/** How a list page's view maps to and from its URL query string. */
export interface UrlViewCodec<View> {
  read: (params: URLSearchParams) => View;
  write: (view: View) => URLSearchParams;
  /** The view after a change (e.g. a new filter goes back to the first page); a plain merge unless given. */
  apply?: (previous: View, patch: Partial<View>) => View;
}

const merge = <View>(previous: View, patch: Partial<View>): View => ({ ...previous, ...patch });

/**
 * A list page's state kept in the URL query string, so links and Back restore it.
 * `update` patches the view (a history entry unless `replace`), `replaceView` sets the whole of it;
 * neither scrolls (the router never does). The codec must be stable (module-level), as its functions are effect dependencies.
 */
export function useUrlView<View>({ read, write, apply = merge }: UrlViewCodec<View>) {
  const [params, setParams] = useSearchParams();
  const view = useMemo(() => read(params), [read, params]);

  const update = useCallback(
    (patch: Partial<View>, options: { replace?: boolean } = {}) => {
      setParams((previous) => write(apply(read(previous), patch)), { replace: options.replace ?? false });
    },
    [setParams, read, write, apply],
  );

  const replaceView = useCallback((next: View) => setParams(write(next)), [setParams, write]);

  return { view, update, replaceView };
}
