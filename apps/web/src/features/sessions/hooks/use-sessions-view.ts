import { useUrlView } from '@/lib/use-url-view';
import { applySessionsViewChange, readSessionsView, writeSessionsView } from '../lib/sessions-view';

const codec = { read: readSessionsView, write: writeSessionsView, apply: applySessionsViewChange };

/** The Sessions page state, read from and written to the URL query string. */
export function useSessionsView() {
  return useUrlView(codec);
}
