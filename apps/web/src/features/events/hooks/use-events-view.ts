import { useUrlView } from '@/lib/use-url-view';
import { applyEventsViewChange, readEventsView, writeEventsView } from '../lib/events-view';

const codec = { read: readEventsView, write: writeEventsView, apply: applyEventsViewChange };

/** The Keycloak events page state, read from and written to the URL query string. */
export function useEventsView() {
  return useUrlView(codec);
}
