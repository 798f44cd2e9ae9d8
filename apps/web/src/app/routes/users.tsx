import { useNavigate, useSearchParams } from 'react-router';
import { PageHeader } from '@/components/ui/page-header';
import { env } from '@/config/env';
import { paths } from '@/config/paths';
import { RealmSwitcher } from '@/features/realms/components/realm-switcher';
import { UserSearchPanel } from '@/features/users/components/user-search-panel';
import { DefaultRealmRedirect, RequirePermission, WithRealm } from './access';

export function UsersEntryRoute() {
  return (
    <RequirePermission anyOf={['users:read']}>
      <DefaultRealmRedirect to={paths.users} />
    </RequirePermission>
  );
}

export function UsersRoute() {
  return (
    <RequirePermission anyOf={['users:read']}>
      <WithRealm>{(realm) => <UsersPage key={realm} realm={realm} />}</WithRealm>
    </RequirePermission>
  );
}

function UsersPage({ realm }: { realm: string }) {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const q = params.get('q');

  return (
    <div className="space-y-6">
      <title>{`Users · ${realm} · ${env.APP_NAME}`}</title>
      <PageHeader
        title="Users"
        description={<p>Find a user in {realm} to see and manage their sessions.</p>}
        actions={
          <RealmSwitcher
            value={realm}
            onChange={(next) => void navigate(`${paths.users(next)}${q ? `?${new URLSearchParams({ q }).toString()}` : ''}`)}
          />
        }
      />
      <UserSearchPanel realm={realm} />
    </div>
  );
}
