import { EmptyState } from '@/components/ui/empty-state';
import { Notice } from '@/components/ui/notice';

const words = {
  login: {
    title: 'Login events are not recorded',
    text: 'This realm does not record login events. An administrator can turn them on in Keycloak: Realm settings → Events.',
  },
  admin: {
    title: 'Admin events are not recorded',
    text: 'This realm does not record admin events. An administrator can turn them on in Keycloak: Realm settings → Events → Admin events settings.',
  },
} as const;

/** Said instead of an empty table: an empty list would wrongly suggest nothing happened. */
export function EventsNotEnabled({ kind }: { kind: 'login' | 'admin' }) {
  return <EmptyState className="m-4" title={words[kind].title} description={words[kind].text} />;
}

/** Recording is off now, but older events are still there. */
export function EventsNoLongerRecorded({ kind }: { kind: 'login' | 'admin' }) {
  return (
    <Notice tone="warning" className="m-4" title={`${words[kind].title} any more`}>
      {words[kind].text} The events below were recorded before it was turned off.
    </Notice>
  );
}
