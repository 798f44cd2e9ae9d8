import { useSearchParams } from 'wouter';
import { useNavigate } from '@/lib/router';
import { paths } from '@/config/paths';
import { EventsPanel } from '@/features/events/components/events-panel';
import { RealmSwitcher } from '@/features/realms/components/realm-switcher';
import { RealmEntryRoute, RealmRoute } from './access';
import { RoutePage } from './route-page';

export const EventsEntryRoute = () => <RealmEntryRoute permission="events:read" to={paths.events} />;

export const EventsRoute = () => <RealmRoute permission="events:read" page={EventsPage} />;

function EventsPage({ realm }: { realm: string }) {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  // Another realm: same tab, no filters (user ids and clients belong to a realm).
  const tab = params.get('tab') === 'admin' ? '?tab=admin' : '';

  return (
    <RoutePage
      title="Keycloak events"
      realm={realm}
      description={<p>What Keycloak itself recorded in {realm}: sign-ins and token use, and changes made through its Admin API.</p>}
      actions={<RealmSwitcher value={realm} onChange={(next) => navigate(`${paths.events(next)}${tab}`)} />}
    >
      <EventsPanel realm={realm} />
    </RoutePage>
  );
}
