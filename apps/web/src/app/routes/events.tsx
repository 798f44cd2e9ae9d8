import { useNavigate, useSearchParams } from 'react-router';
import { PageHeader } from '@/components/ui/page-header';
import { env } from '@/config/env';
import { paths } from '@/config/paths';
import { EventsPanel } from '@/features/events/components/events-panel';
import { RealmSwitcher } from '@/features/realms/components/realm-switcher';
import { DefaultRealmRedirect, RequirePermission, WithRealm } from './access';

export function EventsEntryRoute() {
  return (
    <RequirePermission anyOf={['events:read']}>
      <DefaultRealmRedirect to={paths.events} />
    </RequirePermission>
  );
}

export function EventsRoute() {
  return (
    <RequirePermission anyOf={['events:read']}>
      <WithRealm>{(realm) => <EventsPage key={realm} realm={realm} />}</WithRealm>
    </RequirePermission>
  );
}

function EventsPage({ realm }: { realm: string }) {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  // Another realm: same tab, no filters (user ids and clients belong to a realm).
  const tab = params.get('tab') === 'admin' ? '?tab=admin' : '';

  return (
    <div className="space-y-6">
      <title>{`Keycloak events · ${realm} · ${env.APP_NAME}`}</title>
      <PageHeader
        title="Keycloak events"
        description={<p>What Keycloak itself recorded in {realm}: sign-ins and token use, and changes made through its Admin API.</p>}
        actions={<RealmSwitcher value={realm} onChange={(next) => void navigate(`${paths.events(next)}${tab}`)} />}
      />
      <EventsPanel realm={realm} />
    </div>
  );
}
